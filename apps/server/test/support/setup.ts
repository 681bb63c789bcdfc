/** Runs before every server test file (vitest `setupFiles`). */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir';

afterAll(removeTempDirs);
