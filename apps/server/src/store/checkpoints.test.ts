import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../chat/group-commit';
import { Checkpoints } from './checkpoints';
import { walSync } from './wal-sync';
import { tempDir } from '../../test/support/temp-dir';

/** A database-file sync the test completes by hand, as the disk would. */
function manualSync() {
  const waiting: Array<(error: Error | null) => void> = [];
  return { waiting, sync: (done: (error: Error | null) => void) => void waiting.push(done), close: () => {} };
}

/** The log's checkpoint sequence number (its header, bytes 12–15): it goes up each time the log restarts. */
function logGeneration(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  const header = Buffer.alloc(16);
  readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  return header.readUInt32BE(12);
}

describe('Checkpoints', () => {
  let file: string;
  let sqlite: Database.Database;
  const insert = (n: number) => sqlite.prepare('INSERT INTO t (n) VALUES (?)').run(n);
  const countIn = (path: string) => {
    const other = new Database(path, { readonly: true });
    const n = (other.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;
    other.close();
    return n;
  };

  beforeEach(() => {
    file = join(tempDir('ckpt'), 'parley.db');
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE t (n INTEGER)');
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  it('never lets the log restart before the database file is synced; a held checkpoint then restarts it', () => {
    const disk = manualSync();
    const checkpoints = new Checkpoints(sqlite, file, disk);
    checkpoints.takeOver({ intervalMs: 0 });
    for (let n = 0; n < 50; n += 1) insert(n);
    const generation = logGeneration(file);

    expect(checkpoints.due()).toBe(true);
    expect(checkpoints.run(() => {})).toBe(false); // commits may go on meanwhile
    expect(checkpoints.inFlight).toBe(true);
    insert(50); // appended: the file's copy is not on disk yet, so the log must not be written over
    expect(logGeneration(file)).toBe(generation);

    disk.waiting.shift()!(null);
    expect(checkpoints.due()).toBe(true); // the held one is owed at once
    expect(checkpoints.run(() => {})).toBe(true); // this one holds commits until its sync is done
    disk.waiting.shift()!(null);
    insert(51); // the first commit after it starts the log over
    expect(logGeneration(file)).toBe(generation + 1);
    expect(checkpoints.logPages[0]).toBeGreaterThan(50);
    expect(countIn(file)).toBe(52);
    checkpoints.close();
  });

  it('after a failed fsync stops, reports it, and keeps the log from restarting', () => {
    const disk = manualSync();
    const errors: unknown[] = [];
    const checkpoints = new Checkpoints(sqlite, file, disk);
    checkpoints.takeOver({ intervalMs: 0, onError: (error) => errors.push(error) });
    for (let n = 0; n < 20; n += 1) insert(n);
    const generation = logGeneration(file);
    checkpoints.run(() => {});
    disk.waiting.shift()!(new Error('EIO'));
    expect(errors.map((error) => (error as Error).message)).toEqual(['EIO']);
    expect(checkpoints.due()).toBe(false);
    for (let n = 20; n < 40; n += 1) insert(n);
    expect(logGeneration(file)).toBe(generation);
    expect(countIn(file)).toBe(40);
    checkpoints.close();
  });

  it('waits for writes: with nothing new since the last one, none is due', () => {
    const disk = manualSync();
    const checkpoints = new Checkpoints(sqlite, file, disk);
    checkpoints.takeOver({ intervalMs: 0 });
    insert(1);
    expect(checkpoints.due()).toBe(true);
    checkpoints.run(() => {});
    expect(checkpoints.due()).toBe(false); // one at a time
    disk.waiting.shift()!(null);
    checkpoints.run(() => {}); // the held follow-up
    disk.waiting.shift()!(null);
    expect(checkpoints.due()).toBe(false);
    insert(2);
    expect(checkpoints.due()).toBe(true);
    checkpoints.close();
  });

  it('keeps the log short under a group commit that never pauses, and loses no row', async () => {
    const wal = walSync(file);
    const checkpoints = new Checkpoints(sqlite, file);
    checkpoints.takeOver({ intervalMs: 0 });
    const commits = new GroupCommit(sqlite, { sync: wal.sync, checkpoints });
    const generation = logGeneration(file);
    let stored = 0;
    for (let round = 0; round < 60; round += 1) {
      await new Promise<void>((resolve) => {
        for (let n = 0; n < 20; n += 1) commits.enqueue(() => insert(round * 20 + n), () => (stored += 1));
        commits.enqueue(() => 0, () => resolve());
      });
    }
    await commits.drain();
    commits.stop();
    expect(stored).toBe(1200);
    expect(logGeneration(file)).toBeGreaterThan(generation + 10); // it restarted over and over...
    expect(Math.max(...checkpoints.logPages)).toBeLessThan(100); // ...so it never held much
    expect(countIn(file)).toBe(1200);
    checkpoints.close();
    wal.close();
  });
});
