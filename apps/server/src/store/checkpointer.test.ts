import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Checkpointer } from './checkpointer';

/** How far the log has been copied into the database, from the WAL index (`-shm`): [frames, copied]. */
function walProgress(file: string): [number, number] {
  const shm = readFileSync(`${file}-shm`);
  return [shm.readUInt32LE(16), shm.readUInt32LE(96)];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Checkpointer', () => {
  let file: string;
  let sqlite: Database.Database;
  let checkpoints: Checkpointer;
  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'parley-ckpt-')), 'parley.db');
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (body TEXT)');
  });
  afterEach(async () => {
    await checkpoints.stop();
    sqlite.close();
  });
  const write = (rows: number) => {
    const insert = sqlite.prepare('INSERT INTO t VALUES (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i += 1) insert.run('x'.repeat(2000));
    })();
  };
  const autocheckpoint = () => Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));

  it('leaves an idle database to SQLite: no worker for a few commits', () => {
    checkpoints = new Checkpointer(sqlite, file, { busyCommitsPerSecond: 50 });
    for (let i = 0; i < 10; i += 1) checkpoints.noteCommit();
    expect(checkpoints.background).toBe(false);
    expect(autocheckpoint()).toBe(1000);
  });

  it('under load copies the log into the database from a worker, without the main connection checkpointing', async () => {
    checkpoints = new Checkpointer(sqlite, file, { busyCommitsPerSecond: 50, everyMs: 10 });
    for (let i = 0; i < 50; i += 1) checkpoints.noteCommit();
    expect(checkpoints.background).toBe(true);
    expect(autocheckpoint()).toBe(0);
    write(600); // ~300 pages, below SQLite's own threshold anyway
    const [frames, before] = walProgress(file);
    expect(frames).toBeGreaterThan(200);
    expect(before).toBeLessThan(frames);
    for (let i = 0; i < 100 && walProgress(file)[1] < frames; i += 1) await sleep(20);
    expect(walProgress(file)[1]).toBe(frames);
  });

  it('stops the worker once commits stop, and SQLite checkpoints by itself again', async () => {
    checkpoints = new Checkpointer(sqlite, file, { busyCommitsPerSecond: 5, idleMs: 100 });
    for (let i = 0; i < 5; i += 1) checkpoints.noteCommit();
    expect(checkpoints.background).toBe(true);
    for (let i = 0; i < 50 && checkpoints.background; i += 1) await sleep(20);
    expect(checkpoints.background).toBe(false);
    expect(autocheckpoint()).toBe(1000);
  });
});
