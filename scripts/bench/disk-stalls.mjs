/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): does this disk's fsync stall more the
 * more is written? Appends `--mb` MB/s to a temp file in 16 KiB writes, `fdatasync` every 2 ms (as the group
 * commit does at 2,000 msg/s), for `--seconds` s, rewriting the file from the start every 32 MB (as the log
 * restarts); prints the fsync time per 5 s window. With `--db-mb N`, also N MB of random 4 KiB pages written once a
 * second into a 64 MB second file, then `fdatasync`ed on libuv's pool (as a checkpoint does to the database file).
 * Bounded in time and size; removes its files.
 * Run: node scripts/bench/disk-stalls.mjs [--mb 45] [--seconds 30] [--db-mb 0]
 */
import { closeSync, fdatasync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, summarize } from './lib/stats.mjs';

const args = parseArgs(process.argv.slice(2));
const mbPerSecond = Number(args.mb ?? 45);
const seconds = Math.min(Number(args.seconds ?? 30), 120);
const dir = mkdtempSync(join(tmpdir(), 'parley-disk-'));
const fd = openSync(join(dir, 'log'), 'w');
const dbMb = Number(args['db-mb'] ?? 0);
const db = openSync(join(dir, 'db'), 'w');
const page = Buffer.alloc(4096, 3);
if (dbMb > 0) for (let at = 0; at < 64 * 1024 * 1024; at += 1024 * 1024) writeSync(db, Buffer.alloc(1024 * 1024), 0, 1024 * 1024, at);
fdatasyncSync(db);
let dbSyncing = false;
const checkpoint = () => {
  if (dbSyncing) return;
  for (let i = 0; i < (dbMb * 1024 * 1024) / page.length; i += 1) writeSync(db, page, 0, page.length, Math.floor(Math.random() * 16384) * 4096);
  dbSyncing = true;
  fdatasync(db, () => (dbSyncing = false));
};
const checkpoints = dbMb > 0 ? setInterval(checkpoint, 1000) : null;
const chunk = Buffer.alloc(16 * 1024, 7);
const perSync = (mbPerSecond * 1024 * 1024 * 0.002) / chunk.length; // chunks per 2 ms
try {
  const started = performance.now();
  let window = [];
  let windowStart = started;
  let offset = 0;
  let owed = 0;
  while (performance.now() - started < seconds * 1000) {
    const tickStart = performance.now();
    for (owed += perSync; owed >= 1; owed -= 1) {
      writeSync(fd, chunk, 0, chunk.length, offset);
      offset = (offset + chunk.length) % (32 * 1024 * 1024);
    }
    const t0 = performance.now();
    fdatasyncSync(fd);
    window.push(performance.now() - t0);
    if (performance.now() - windowStart >= 5000) {
      const s = summarize(window);
      console.log(`${((windowStart - started) / 1000).toFixed(0).padStart(3)} s: ${s.count} fsyncs, p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(2)} max ${s.max.toFixed(1)} ms, over 10 ms: ${window.filter((ms) => ms > 10).length}`);
      window = [];
      windowStart = performance.now();
    }
    const rest = 2 - (performance.now() - tickStart);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
} finally {
  if (checkpoints) clearInterval(checkpoints);
  while (dbSyncing) await new Promise((resolve) => setTimeout(resolve, 10));
  closeSync(db);
  closeSync(fd);
  rmSync(dir, { recursive: true, force: true });
}
