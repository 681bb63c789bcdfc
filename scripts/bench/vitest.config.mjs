/** The bench's own test project: pure helpers only (percentiles, tables). The bench itself never runs in `npm test`. */
import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'bench', include: ['scripts/bench/**/*.test.mjs'], root: new URL('../..', import.meta.url).pathname },
});
