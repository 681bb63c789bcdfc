/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): the cost of Parley's per-message
 * storage transaction against the baseline's one-row insert, on a migrated Parley database in a temp dir, with
 * search indexed per message as before migration 0008, batched 10 messages per commit, and with
 * synchronous=NORMAL for scale.
 * Run: node scripts/bench/commit-cost.mjs (needs the built server, which migrates the database).
 */
import { FTS_PER_MESSAGE, MESSAGE_TEXT as text, withParleyDatabase } from './lib/storage.mjs';

await withParleyDatabase({ conversations: 100, synchronous: 'FULL', pick: (n, size) => n % size }, ({ db, storeOne }) => {
  const perMessage = db.transaction(storeOne);
  const tenPerCommit = db.transaction(() => {
    for (let j = 0; j < 10; j += 1) storeOne();
  });
  db.exec('CREATE TABLE baseline (id INTEGER PRIMARY KEY, connection INTEGER NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL)');
  const baseline = db.prepare('INSERT INTO baseline (connection, body, created_at) VALUES (?, ?, ?)');

  const time = (label, fn, count = 2000) => {
    const t0 = performance.now();
    for (let i = 0; i < count; i += 1) fn();
    const ms = performance.now() - t0;
    console.log(`${label.padEnd(52)} ${((count / ms) * 1000).toFixed(0).padStart(6)} commits/s  ${(ms / count).toFixed(3)} ms each`);
  };
  for (let round = 0; round < 2; round += 1) {
    time('baseline: one-row insert', () => baseline.run(1, text, Date.now()));
    time('Parley visitorSend transaction', perMessage);
  }
  db.exec(FTS_PER_MESSAGE);
  time('Parley, with FTS5 written per message (before 0008)', perMessage);
  db.exec('DROP TRIGGER old_fts_insert');
  time('Parley, 10 messages per commit (×10 messages)', tenPerCommit, 200);
  db.pragma('synchronous = NORMAL');
  time('Parley visitorSend transaction, synchronous=NORMAL', perMessage);
});
