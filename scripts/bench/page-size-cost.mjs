/**
 * Experiment: bytes written to the log per message, and the time of a commit plus its fdatasync, by page size.
 */
import { fdatasyncSync, openSync, statSync, closeSync } from 'node:fs';
import { withParleyDatabase } from './lib/storage.mjs';

const sizes = (process.env.PAGE_SIZES ?? '4096,2048,1024').split(',').map(Number);
for (const pageSize of sizes) {
  await withParleyDatabase({ conversations: 1000, synchronous: 'NORMAL', pick: (_n, size) => Math.floor(Math.random() * size), pageSize }, ({ db, storeOne, file }) => {
    const actual = db.pragma('page_size', { simple: true });
    const savepointed = db.transaction(storeOne);
    for (const size of [6, 42]) {
      db.pragma('wal_autocheckpoint = 0');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const batch = db.transaction(() => { for (let j = 0; j < size; j += 1) savepointed(); });
      const fd = openSync(`${file}-wal`, 'r');
      const times = [];
      const syncs = [];
      const messages = 12_000;
      for (let k = 0; k < messages / size; k += 1) {
        const t0 = performance.now();
        batch();
        const t1 = performance.now();
        fdatasyncSync(fd);
        times.push(t1 - t0);
        syncs.push(performance.now() - t1);
      }
      closeSync(fd);
      times.sort((a, b) => a - b);
      syncs.sort((a, b) => a - b);
      const bytes = statSync(`${file}-wal`).size;
      const q = (list, p) => list[Math.floor(p * (list.length - 1))].toFixed(2);
      const line = (list) => `p50 ${q(list, 0.5)} p90 ${q(list, 0.9)} p99 ${q(list, 0.99)}`;
      console.log(`page ${actual} batch ${String(size).padStart(2)}: ${(bytes / messages / 1024).toFixed(2)} KiB/msg, commit ${line(times)} · fsync ${line(syncs)} ms`);
      db.pragma('wal_autocheckpoint = 1000');
    }
  });
}
