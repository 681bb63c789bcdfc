import { defineProject } from 'vitest/config';

export default defineProject({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'console',
    environment: 'happy-dom',
    setupFiles: ['./src/test-setup.ts'],
  },
});
