/**
 * The one place that lists Parley's test projects. Vitest 4 no longer picks this file up by itself:
 * the root `test:only` script passes it with `--config`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'scripts/bench/vitest.config.mjs'],
  },
});
