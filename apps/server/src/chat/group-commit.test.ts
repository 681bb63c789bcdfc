import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit, type Outcome } from './group-commit';
import { tempDir } from '../../test/support/temp-dir';

describe('GroupCommit', () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(join(tempDir('gc'), 'db'));
    sqlite.exec('CREATE TABLE t (n INTEGER UNIQUE)');
  });
  afterEach(() => sqlite.close());

  const insert = (n: number) => () => sqlite.prepare('INSERT INTO t (n) VALUES (?)').run(n).changes;
  const count = () => (sqlite.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;

  it('stores writes queued in one turn in one batch, and reports after the commit, in order', async () => {
    const gc = new GroupCommit(sqlite);
    const seen: Array<[number, number]> = [];
    for (const n of [1, 2, 3]) gc.enqueue(insert(n), () => seen.push([n, count()]));
    expect(count()).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    // Every caller hears only once all three are committed.
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(gc.batchSizes).toEqual([3]);
  });

  it('rolls back only the write that failed; the others are stored', async () => {
    const gc = new GroupCommit(sqlite);
    const outcomes: Outcome<number>[] = [];
    gc.enqueue(insert(1), (o) => outcomes.push(o));
    gc.enqueue(() => {
      insert(2)();
      throw new Error('refused halfway');
    }, (o) => outcomes.push(o));
    gc.enqueue(insert(1), (o) => outcomes.push(o));
    gc.enqueue(insert(3), (o) => outcomes.push(o));
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
    expect((sqlite.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((r) => r.n)).toEqual([1, 3]);
  });

  it('write() resolves with what the write returned, or rejects with its error, after the commit', async () => {
    const gc = new GroupCommit(sqlite);
    const stored = gc.write(insert(7));
    const refused = gc.write(insert(7));
    expect(count()).toBe(0);
    await expect(stored).resolves.toBe(1);
    await expect(refused).rejects.toThrow(/UNIQUE/);
    expect(count()).toBe(1);
  });

  describe('with the fsync off the event loop', () => {
    /** A sync the test completes by hand, as the disk would. */
    function manualSync() {
      const waiting: Array<(error: Error | null) => void> = [];
      return { waiting, sync: (done: (error: Error | null) => void) => void waiting.push(done) };
    }
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const level = () => Number(sqlite.pragma('synchronous', { simple: true }));

    beforeEach(() => {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
    });

    it('tells nobody before the sync has finished; what arrives meanwhile is committed ahead and made durable by the next fsync', async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const heard: number[] = [];
      gc.enqueue(insert(1), () => heard.push(1));
      await turn();
      expect(count()).toBe(1); // committed...
      expect(heard).toEqual([]); // ...but not yet durable, so not acknowledged
      expect(disk.waiting).toHaveLength(1);

      gc.enqueue(insert(2), () => heard.push(2));
      await turn();
      gc.enqueue(insert(3), () => heard.push(3));
      await turn();
      expect(count()).toBe(3); // stored while the disk is busy...
      expect(disk.waiting).toHaveLength(1); // ...but one fsync at a time, and it may not cover them
      expect(heard).toEqual([]);

      disk.waiting.shift()!(null);
      expect(heard).toEqual([1]);
      expect(disk.waiting).toHaveLength(1); // the next fsync starts at once, for both
      disk.waiting.shift()!(null);
      expect(heard).toEqual([1, 2, 3]);
      expect(gc.batchSizes).toEqual([1, 1, 1]);
      await turn();
      expect(disk.waiting).toHaveLength(0); // nothing left to sync
    });

    it('fails what was committed ahead too when the fsync in flight fails, and tells waiting readers either way', async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const outcomes: Array<[number, boolean]> = [];
      const told: string[] = [];
      gc.enqueue(insert(1), (o) => outcomes.push([1, o.ok]));
      await turn();
      gc.enqueue(insert(2), (o) => outcomes.push([2, o.ok]));
      await turn();
      gc.whenDurable(() => told.push('reader'));
      disk.waiting.shift()!(new Error('EIO'));
      expect(outcomes).toEqual([
        [1, false],
        [2, false],
      ]);
      expect(told).toEqual(['reader']);
      expect(disk.waiting).toHaveLength(0); // nothing is left that an fsync could still vouch for
    });

    it('tells a reader when what it could see is durable: at once when idle, else once the fsync in flight ends', async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const told: string[] = [];
      gc.whenDurable(() => told.push('idle'));
      expect(told).toEqual(['idle']);
      gc.enqueue(insert(1), () => told.push('writer'));
      await turn();
      expect(count()).toBe(1); // visible to reads already
      gc.whenDurable(() => told.push('reader'));
      expect(told).toEqual(['idle']);
      gc.enqueue(insert(2), () => told.push('second writer'));
      await turn();
      gc.whenDurable(() => told.push('second reader')); // sees row 2, which the fsync in flight may not cover
      disk.waiting.shift()!(null);
      expect(told).toEqual(['idle', 'writer', 'reader']);
      disk.waiting.shift()!(null);
      expect(told).toEqual(['idle', 'writer', 'reader', 'second writer', 'second reader']);
    });

    it("reports each durable batch's fsync and each write's wait to an observer, and nothing for a failed fsync", async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const reports: Array<{ syncSeconds: number; waitSeconds: number[] }> = [];
      const stop = gc.observe((report) => reports.push(report));
      gc.enqueue(insert(1), () => {});
      gc.enqueue(insert(2), () => {});
      await turn();
      await new Promise((resolve) => setTimeout(resolve, 20)); // the disk takes its time
      disk.waiting.shift()!(null);
      expect(reports).toHaveLength(1);
      expect(reports[0]!.waitSeconds).toHaveLength(2);
      expect(reports[0]!.syncSeconds).toBeGreaterThanOrEqual(0.015);
      for (const wait of reports[0]!.waitSeconds) expect(wait).toBeGreaterThanOrEqual(reports[0]!.syncSeconds);

      gc.enqueue(insert(3), () => {});
      await turn();
      disk.waiting.shift()!(new Error('EIO'));
      expect(reports).toHaveLength(1); // not durable: not a durable write's wait

      stop();
      gc.enqueue(insert(4), () => {});
      await turn();
      disk.waiting.shift()!(null);
      expect(reports).toHaveLength(1);
    });

    it('answers every write of a batch with the error when the fsync fails', async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const outcomes: Outcome<number>[] = [];
      gc.enqueue(insert(1), (o) => outcomes.push(o));
      gc.enqueue(insert(2), (o) => outcomes.push(o));
      await turn();
      disk.waiting.shift()!(new Error('EIO'));
      expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
      const first = outcomes[0]!;
      expect(first.ok === false && (first.error as Error).message).toBe('EIO');
    });

    it('commits its batch without a synchronous fsync and leaves the connection at FULL for other writes', async () => {
      const disk = manualSync();
      const seenInside: number[] = [];
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      gc.enqueue(() => seenInside.push(level()), () => {});
      await turn();
      expect(seenInside).toEqual([1]); // NORMAL inside the batch
      expect(level()).toBe(2); // FULL again outside it
    });

    it('drain waits until everything queued is durable and reported', async () => {
      const disk = manualSync();
      const gc = new GroupCommit(sqlite, { sync: disk.sync });
      const heard: number[] = [];
      gc.enqueue(insert(1), () => heard.push(1));
      let drained = false;
      const draining = gc.drain().then(() => (drained = true));
      await turn();
      expect(count()).toBe(1);
      expect(drained).toBe(false);
      disk.waiting.shift()!(null);
      await draining;
      expect(heard).toEqual([1]);
    });

    it('runs a due checkpoint right after an fsync; one that holds commits keeps new writes waiting until it is done', async () => {
      const disk = manualSync();
      const finish: Array<() => void> = [];
      const runs: boolean[] = [];
      let owed = [false, true]; // an unheld checkpoint, then a held one
      const checkpoints = {
        get inFlight() {
          return finish.length > 0;
        },
        due: () => owed.length > 0 && finish.length === 0,
        run: (done: () => void) => {
          const hold = owed.shift()!;
          runs.push(hold);
          finish.push(done);
          return hold;
        },
      };
      const gc = new GroupCommit(sqlite, { sync: disk.sync, checkpoints });
      gc.enqueue(insert(1), () => {});
      await turn();
      expect(runs).toEqual([]); // never while a batch is not yet durable
      disk.waiting.shift()!(null);
      expect(runs).toEqual([false]);
      gc.enqueue(insert(2), () => {});
      await turn();
      expect(count()).toBe(2); // an unheld checkpoint lets commits go on
      disk.waiting.shift()!(null);
      expect(runs).toEqual([false]); // still running: one at a time
      finish.shift()!();
      gc.enqueue(insert(3), () => {});
      await turn();
      disk.waiting.shift()!(null);
      expect(runs).toEqual([false, true]);
      gc.enqueue(insert(4), () => {});
      let drained = false;
      const draining = gc.drain().then(() => (drained = true));
      await turn();
      expect(count()).toBe(3); // held
      expect(drained).toBe(false);
      finish.shift()!();
      await turn();
      expect(count()).toBe(4);
      disk.waiting.shift()!(null);
      await draining;
      gc.stop();
      owed = [];
    });

    it('commits nothing ahead once a checkpoint is due, so the next fsync leaves everything durable for it', async () => {
      const disk = manualSync();
      const runs: number[] = [];
      const checkpoints = { inFlight: false, due: () => runs.length === 0, run: () => (runs.push(count()), false) };
      const gc = new GroupCommit(sqlite, { sync: disk.sync, checkpoints });
      gc.enqueue(insert(1), () => {});
      await turn();
      gc.enqueue(insert(2), () => {});
      await turn();
      expect(count()).toBe(2); // committed ahead
      disk.waiting.shift()!(null);
      expect(runs).toEqual([]); // row 2 is not durable yet: the copy must not take it
      gc.enqueue(insert(3), () => {});
      await turn();
      expect(count()).toBe(2); // held back until the checkpoint has run
      disk.waiting.shift()!(null);
      expect(runs).toEqual([2]);
      await turn();
      expect(count()).toBe(3);
      disk.waiting.shift()!(null);
      await gc.drain();
      gc.stop();
    });

    it('holds a commit that closely follows another for the window, then stores everything together', async () => {
      const gc = new GroupCommit(sqlite, { windowMs: 30 });
      gc.enqueue(insert(1), () => {});
      await turn();
      expect(count()).toBe(1); // the first commit goes at once
      gc.enqueue(insert(2), () => {});
      await turn();
      gc.enqueue(insert(3), () => {});
      await turn();
      expect(count()).toBe(1); // held: the last commit was moments ago
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(count()).toBe(3);
      expect(gc.batchSizes).toEqual([1, 2]);
    });
  });
});
