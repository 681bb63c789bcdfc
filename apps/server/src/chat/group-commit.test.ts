import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit, type Outcome } from './group-commit';

describe('GroupCommit', () => {
  let sqlite: Database.Database;
  beforeEach(() => {
    sqlite = new Database(join(mkdtempSync(join(tmpdir(), 'parley-gc-')), 'db'));
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
});
