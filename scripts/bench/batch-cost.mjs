/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): the main-thread cost per message
 * of Parley's storage work under the group commit (synchronous=NORMAL, the fsync is off the event loop), and
 * how many pages each message adds to the write-ahead log, by batch size, with and without a savepoint per
 * message, and with search indexed in batches (now) or by an FTS5 trigger in every message's transaction
 * (before migration 0008).
 * Run: node scripts/bench/batch-cost.mjs (needs the built server, which migrates the database).
 */
import { statSync } from 'node:fs';
import { FTS_PER_MESSAGE, withParleyDatabase } from './lib/storage.mjs';

await withParleyDatabase({ conversations: 1000, synchronous: 'NORMAL', pick: (_n, size) => Math.floor(Math.random() * size) }, ({ db, storeOne, file }) => {
  const savepointed = db.transaction(storeOne);
  const run = (label, size, savepoint, messages = 20_000) => {
    const batch = db.transaction(() => {
      for (let j = 0; j < size; j += 1) (savepoint ? savepointed : storeOne)();
    });
    const t0 = performance.now();
    for (let k = 0; k < messages / size; k += 1) batch();
    const us = ((performance.now() - t0) * 1000) / messages;
    console.log(`${label.padEnd(44)} batch ${String(size).padStart(3)}: ${us.toFixed(1).padStart(6)} µs per message`);
  };
  /** Log pages per message: the log is emptied first, and SQLite's own checkpoint is off meanwhile. */
  const walPages = (label, size, messages = 12_000) => {
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const batch = db.transaction(() => {
      for (let j = 0; j < size; j += 1) savepointed();
    });
    for (let k = 0; k < messages / size; k += 1) batch();
    const pages = statSync(`${file}-wal`).size / (4096 + 24);
    console.log(`${label.padEnd(44)} batch ${String(size).padStart(3)}: ${(pages / messages).toFixed(2).padStart(6)} log pages per message`);
    db.pragma('wal_autocheckpoint = 1000');
  };
  for (const size of [1, 3, 10, 30]) walPages('log written, search queued (now)', size);
  for (const size of [1, 4, 16, 64]) run('savepoint each, search queued (now)', size, true);
  for (const size of [1, 16]) run('no savepoint, search queued (now)', size, false);
  db.exec(FTS_PER_MESSAGE);
  for (const size of [1, 3, 10, 30]) walPages('log written, FTS5 per message (before)', size);
  for (const size of [1, 4, 16, 64]) run('savepoint each, FTS5 per message (before)', size, true);
});
