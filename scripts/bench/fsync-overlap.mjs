/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): would fsyncs that overlap finish a
 * stalled one's writes sooner? Messages arrive at `--rate`/s; each adds 4.5 pages of 4 KiB to a 64 MB log-like
 * file (rewritten from the start as the log restarts). A batch is written as soon as allowed and `fdatasync`ed on
 * libuv's pool; a message is durable once an fsync started after its write has finished. `--depth 1` allows one
 * fsync in flight (the group commit); `--depth N` lets N overlap. With `--noise-ms M`, a second file takes 4,000
 * random 4 KiB pages a second and is synced every M ms (what a checkpoint does to the database file).
 * Prints each message's write→durable time and how often a later fsync finished before an earlier one.
 * Bounded in time (at most 60 s) and size; removes its files.
 * Run: node scripts/bench/fsync-overlap.mjs [--depth 1] [--seconds 15] [--rate 2000] [--noise-ms 0]
 */
import { closeSync, fdatasync, ftruncateSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, percentile, summarize } from './lib/stats.mjs';

const args = parseArgs(process.argv.slice(2));
const depth = Number(args.depth ?? 1);
const seconds = Math.min(Number(args.seconds ?? 15), 60);
const rate = Number(args.rate ?? 2000);
const noiseMs = Number(args['noise-ms'] ?? 0);
const LOG_BYTES = 64 << 20;
const PAGE = Buffer.alloc(4096, 7);

const dir = mkdtempSync(join(tmpdir(), 'parley-fsync-overlap-'));
try {
  const fd = openSync(join(dir, 'log'), 'w+');
  const mib = Buffer.alloc(1 << 20);
  for (let i = 0; i < 64; i += 1) writeSync(fd, mib, 0, mib.length, i << 20);
  await new Promise((resolve) => fdatasync(fd, resolve));
  const timers = [];
  if (noiseMs > 0) {
    const noise = openSync(join(dir, 'db'), 'w+');
    ftruncateSync(noise, 256 << 20);
    timers.push(setInterval(() => {
      for (let i = 0; i < 40; i += 1) writeSync(noise, PAGE, 0, 4096, Math.floor(Math.random() * 65536) * 4096);
    }, 10));
    timers.push(setInterval(() => fdatasync(noise, () => {}), noiseMs));
  }

  let offset = 0;
  let queue = [];
  let inFlight = 0;
  let scheduled = false;
  const unsynced = []; // batches written, not yet known durable, oldest first
  const durable = [];
  const syncs = [];
  const flush = () => {
    scheduled = false;
    if (inFlight >= depth || queue.length === 0) return;
    const batch = { arrivals: queue };
    queue = [];
    for (let bytes = Math.ceil(batch.arrivals.length * 4.5) * 4096; bytes > 0; bytes -= 4096) {
      writeSync(fd, PAGE, 0, 4096, offset);
      offset = (offset + 4096) % LOG_BYTES;
    }
    unsynced.push(batch);
    inFlight += 1;
    const sync = { start: performance.now(), end: 0 };
    syncs.push(sync);
    fdatasync(fd, () => {
      sync.end = performance.now();
      inFlight -= 1;
      // An fsync covers everything written before it started: this batch and every earlier one.
      for (const done of unsynced.splice(0, unsynced.indexOf(batch) + 1)) for (const at of done.arrivals) durable.push(sync.end - at);
      schedule();
    });
    schedule();
  };
  const schedule = () => {
    if (scheduled || queue.length === 0 || inFlight >= depth) return;
    scheduled = true;
    setImmediate(flush);
  };

  const started = performance.now();
  let sent = 0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const due = Math.floor(((performance.now() - started) * rate) / 1000);
      for (; sent < due; sent += 1) queue.push(started + (sent * 1000) / rate);
      schedule();
      if (performance.now() - started > seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const timer of timers) clearInterval(timer);

  const slow = syncs.filter((sync) => sync.end - sync.start > 10);
  const overtaken = (list) =>
    list.filter((sync) => syncs.some((later) => later.start > sync.start && later.start < sync.end && later.end > 0 && later.end < sync.end)).length;
  const d = summarize(durable);
  console.log(
    `depth ${depth}, noise ${noiseMs ? `synced every ${noiseMs} ms` : 'none'}: ${durable.length} messages, write→durable p50 ${d.p50.toFixed(1)} p99 ${d.p99.toFixed(1)} p99.9 ${percentile(Float64Array.from(durable).sort(), 99.9).toFixed(1)} max ${d.max.toFixed(1)} ms`,
  );
  console.log(`  ${syncs.length} fsyncs, ${slow.length} over 10 ms; overtaken by a later one: ${overtaken(syncs)} of all, ${overtaken(slow)} of the slow`);
  closeSync(fd);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
