import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'demo-store',
    environment: 'node',
    // Browser scenarios start a whole stack and Chromium each: give them time, and run them one at a time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
