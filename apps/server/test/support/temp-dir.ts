/**
 * Temp folders for tests. Each is removed after the test file's last test (`setup.ts` registers that), so
 * `npm test` leaves nothing behind in the system's temp folder, however often it runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new empty folder named `parley-<purpose>-…` under the system's temp folder. */
export function tempDir(purpose: string): string {
  const dir = mkdtempSync(join(tmpdir(), `parley-${purpose}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made in this file so far (and whatever tests put in them). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
