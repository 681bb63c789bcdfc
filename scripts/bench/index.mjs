#!/usr/bin/env node
/**
 * `npm run bench`: Parley against the physical limit, side by side, on this machine.
 *
 * The built server (apps/server/dist/main.mjs) runs in its own process; load comes from forked workers
 * (worker.mjs) over 127.0.0.x; every phase is bounded in count and time and runs its baseline in the same
 * run (baselines/): a bare ws server for idle connections, a bare ws echo server with one SQLite insert per
 * message for throughput and latency (its runs take turns with Parley's, rate by rate), and direct
 * better-sqlite3 queries for history.
 *
 *   npm run bench                      every phase at full size (10k connections, 1M messages: ~10 minutes)
 *   npm run bench -- --quick           small sizes, a smoke run (~1 minute)
 *   options: --phases connections,conversations,history,widget  --connections N  --visitors V  --agents A
 *            --rates 500,2000,5000  --step-seconds S  --repeat N (fixed rates, median run shown)  --messages M  --history-conversations C
 *            --samples N  --searches N  --workers 1-16  --skip-baseline  --cpu-prof   (anything else: usage error, exit 2)
 *
 * Prints a table and writes bench-results/latest.json (and profiles to bench-results/profiles with --cpu-prof).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { rng, searchTerms, seedHistory } from './lib/history.mjs';
import { ladder } from './lib/ladder.mjs';
import { UsageError, benchOptions } from './lib/options.mjs';
import {
  Worker,
  assertServerBuilt,
  defaultSite,
  openDatabase,
  root,
  seedAgents,
  seedVisitors,
  sleep,
  startBaseline,
  startParley,
} from './lib/processes.mjs';
import { bucketQuantile, bucketsSince, formatLatency, formatMarkdownTable, formatNumber, formatRatio, formatTable, gaugeValue, histogramBuckets, microsPer, summarize, verdict } from './lib/stats.mjs';

let options;
try {
  options = benchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`bench: ${error.message}\nusage: see the comment at the top of scripts/bench/index.mjs`);
  process.exit(2);
}
const { quick } = options;
const MiB = 1024 * 1024;
/** When an idle server's memory is read the second time (after start). */
const SETTLE_MS = quick ? 3000 : 20_000;
const resultsDir = join(root, 'bench-results');
const profileDir = options.cpuProf ? join(resultsDir, 'profiles') : undefined;
const tempDirs = [];
const cleanup = [];

function log(line) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function tempDir(name) {
  const dir = mkdtempSync(join(os.tmpdir(), `parley-bench-${name}-`));
  tempDirs.push(dir);
  return dir;
}

async function withWorkers(count, body) {
  const workers = Array.from({ length: count }, (_, i) => new Worker(i));
  try {
    return await body(workers);
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
}

/** Slices [0, n) into `parts` contiguous ranges. */
function slices(n, parts) {
  return Array.from({ length: parts }, (_, k) => [Math.floor((n * k) / parts), Math.floor((n * (k + 1)) / parts)]);
}

// ---------------------------------------------------------------- phase 1: idle connections

async function connectionsPhase() {
  const n = options.connections;
  const result = {};
  log(`connections: empty Parley server, then ${n} idle visitor sockets`);
  const dataDir = tempDir('conn');
  const server = await startParley(dataDir);
  cleanup.push(() => server.stop());
  try {
    await sleep(2000);
    result.idleServer = await server.mem(true);
    // V8 gives back the heap its start-up grew only once the process has been idle a while (its memory
    // reducer, ~10 s): measured again at SETTLE_MS, the RSS of a server that is idle rather than just started.
    await sleep(SETTLE_MS - 2000);
    result.idleSettled = await server.mem(true);
    result.serverStartMs = server.startMs;
    const db = openDatabase(join(dataDir, 'parley.db'));
    const site = defaultSite(db);
    seedVisitors(db, site.id, 'i', 0, n);
    db.close();
    const before = await server.mem(true);
    result.parley = await withWorkers(options.workers, async (workers) => {
      const started = Date.now();
      const parts = await Promise.all(
        slices(n, workers.length).map(([from, to], k) =>
          workers[k].request({
            type: 'connect',
            url: `ws://127.0.0.1:${server.port}/ws/visitor?site=${site.key}`,
            origin: 'http://shop.bench.invalid',
            prefix: 'i',
            from,
            to,
            localAddress: `127.0.0.${11 + k}`,
            concurrency: 100,
          }),
        ),
      );
      const connectMs = Date.now() - started;
      await sleep(2000);
      const after = await server.mem(true);
      const connected = parts.reduce((sum, part) => sum + part.connected, 0);
      return {
        connected,
        failed: parts.reduce((sum, part) => sum + part.failed, 0),
        errors: parts.map((part) => part.errors),
        connectMs,
        before,
        after,
        rssPerConnection: (after.rss - before.rss) / connected,
        heapPerConnection: (after.heapUsed - before.heapUsed) / connected,
      };
    });
  } finally {
    await server.stop();
  }
  log(`connections: raw ws baseline with ${n} idle sockets`);
  const raw = await startBaseline('raw-ws.mjs');
  cleanup.push(() => raw.stop());
  try {
    await sleep(500);
    result.baselineStart = await raw.mem(true);
    await sleep(SETTLE_MS - 500);
    const before = await raw.mem(true);
    result.baseline = await withWorkers(options.workers, async (workers) => {
      const parts = await Promise.all(
        slices(n, workers.length).map(([from, to], k) =>
          workers[k].request({ type: 'connect', url: `ws://127.0.0.1:${raw.port}/`, prefix: 'raw', from, to, localAddress: `127.0.0.${21 + k}`, concurrency: 100, raw: true }),
        ),
      );
      await sleep(2000);
      const after = await raw.mem(true);
      const connected = parts.reduce((sum, part) => sum + part.connected, 0);
      return {
        connected,
        failed: parts.reduce((sum, part) => sum + part.failed, 0),
        before,
        after,
        rssPerConnection: (after.rss - before.rss) / connected,
        heapPerConnection: (after.heapUsed - before.heapUsed) / connected,
      };
    });
  } finally {
    await raw.stop();
  }
  return result;
}

// ---------------------------------------------------------------- phase 2: conversations

/** Messages delivered per second of sending plus draining: under overload, the server's real capacity. */
function throughput(parts, delivered) {
  const seconds = Math.max(...parts.map((part) => part.sendMs + (part.drainedMs ?? 0))) / 1000;
  return seconds > 0 ? delivered / seconds : 0;
}

function mergeSteps(parts, rate, mode) {
  const cat = (key) => parts.flatMap((part) => part[key]);
  const sum = (key) => parts.reduce((total, part) => total + part[key], 0);
  const errors = {};
  for (const part of parts) for (const [code, count] of Object.entries(part.errors)) errors[code] = (errors[code] ?? 0) + count;
  const durationS = options.stepSeconds;
  if (mode === 'echo') {
    const sent = sum('sentEcho');
    const latency = summarize(cat('echo'));
    return { rate, sent, delivered: latency.count, deliveredPerSecond: latency.count / durationS, throughput: throughput(parts, latency.count), roundTrip: latency, errors, sendMs: Math.max(...parts.map((p) => p.sendMs)) };
  }
  const sentVisitor = sum('sentVisitor');
  const sentAgent = sum('sentAgent');
  const v2a = summarize(cat('v2a'));
  const a2v = summarize(cat('a2v'));
  return {
    rate,
    sent: sentVisitor + sentAgent,
    sentVisitor,
    sentAgent,
    delivered: v2a.count + a2v.count,
    deliveredPerSecond: (v2a.count + a2v.count) / durationS,
    throughput: throughput(parts, v2a.count + a2v.count),
    acks: sum('acks'),
    visitorToAgent: v2a,
    agentToVisitor: a2v,
    errors,
    sendMs: Math.max(...parts.map((p) => p.sendMs)),
  };
}

/** Sustained: everything delivered (≥ 99.9 %) within the drain, p99 under the limit, and the generator kept pace. */
function sustained(step) {
  const p99 = step.roundTrip ? step.roundTrip.p99 : Math.max(step.visitorToAgent.p99 ?? Infinity, step.agentToVisitor.p99 ?? Infinity);
  return step.sent > 0 && step.delivered >= step.sent * 0.999 && p99 !== null && p99 < options.latencyLimitMs && step.sendMs < options.stepSeconds * 1000 * 1.1;
}

/**
 * prom-client's event-loop gauges read Node's delay monitor, which ticks every 10 ms and records each tick's
 * whole interval, so an idle loop reads 10 ms: the delay is what lies beyond that. The monitor restarts at
 * every scrape, so the second scrape covers the run alone.
 */
const LOOP_MONITOR_MS = 10;

/**
 * The server's own view of one run, from two /metrics scrapes: each write's wait to durable, each log fsync,
 * and how late the event loop ran (a stalled loop also delays every fsync's callback, and so every ack); and
 * the process's CPU time (every thread, user and system) per message sent: a measure of the server's cost
 * that the machine's noise moves far less than a latency percentile.
 */
function serverShare(before, after, messages) {
  const cpu = microsPer(before, after, 'process_cpu_seconds_total', messages);
  const loopDelay = (name) => {
    const seconds = gaugeValue(after, name);
    return seconds === null ? null : Math.max(0, seconds * 1000 - LOOP_MONITOR_MS);
  };
  const of = (name) => bucketsSince(histogramBuckets(before, name), histogramBuckets(after, name));
  const durable = of('parley_write_durable_seconds');
  const sync = of('parley_wal_sync_seconds');
  return {
    writes: durable.at(-1)?.count ?? 0,
    durableP50: bucketQuantile(durable, 0.5),
    durableP99: bucketQuantile(durable, 0.99),
    fsyncs: sync.at(-1)?.count ?? 0,
    fsyncP50: bucketQuantile(sync, 0.5),
    fsyncP99: bucketQuantile(sync, 0.99),
    fsyncP999: bucketQuantile(sync, 0.999),
    loopDelayP99: loopDelay('nodejs_eventloop_lag_p99_seconds'),
    loopDelayMax: loopDelay('nodejs_eventloop_lag_max_seconds'),
    cpuMicrosPerMessage: cpu,
  };
}

function formatShare(share) {
  const ms = (value) => (typeof value === 'number' ? formatNumber(value, 2) : String(value ?? '–'));
  const cpu = typeof share.cpuMicrosPerMessage === 'number' ? ` · CPU ${formatNumber(share.cpuMicrosPerMessage, 0)} µs/msg` : '';
  return `durable ${ms(share.durableP50)} / ${ms(share.durableP99)} · fsync ${ms(share.fsyncP50)} / ${ms(share.fsyncP99)} / ${ms(share.fsyncP999)} (${share.fsyncs} fsyncs, ${share.writes} writes) · loop delay ${ms(share.loopDelayP99)} / ${ms(share.loopDelayMax)}${cpu}`;
}

/**
 * Runs the ladder (lib/ladder.mjs) for Parley and, unless left out, the baseline, in turn. A contender is
 * `{ mode, label, scrape, stepId }`; `scrape` (Parley only) reads the server's /metrics before and after each
 * run, for its own share of the latency.
 */
function runLadder(workers, contenders) {
  const runStep = (contender, rate, durationMs, stepId, drainMs) =>
    Promise.all(workers.map((worker) => worker.request({ type: 'step', stepId, rate: rate / workers.length, durationMs, drainMs, mode: contender.mode })));
  return ladder({
    contenders,
    rates: options.rates,
    fixedRates: options.fixedRates,
    repeat: options.repeat,
    // Warm-up (discarded): JIT, SQLite page cache and socket buffers settle before the first measured step.
    warmUp: async (contender) => {
      await runStep(contender, Math.min(...options.rates), quick ? 1000 : 3000, contender.stepId + 50, 500);
      await sleep(500);
    },
    run: async (contender, rate) => {
      // What the other server wrote reaches the disk first, so its writeback does not land on this run.
      if (contenders.length > 1) execFileSync('sync');
      await sleep(1000);
      contender.stepId += 1;
      const before = contender.scrape ? await contender.scrape() : null;
      const parts = await runStep(contender, rate, options.stepSeconds * 1000, contender.stepId, quick ? 5000 : 15_000);
      const measured = mergeSteps(parts, rate, contender.mode);
      measured.sustained = sustained(measured);
      if (contender.scrape) measured.server = serverShare(before, await contender.scrape(), measured.sent);
      return measured;
    },
    report: (contender, rate, step) => logStep(contender.label, rate, step),
  });
}

function logStep(label, rate, step) {
  const latency = step.roundTrip ? `rtt ${formatLatency(step.roundTrip)}` : `v→a ${formatLatency(step.visitorToAgent)}  a→v ${formatLatency(step.agentToVisitor)}`;
  const repeats = step.runsP99 ? `  (median of ${step.runsP99.length} runs; p99s ${step.runsP99.map((p) => p.toFixed(1)).join(' / ')})` : '';
  log(`${label} ${rate}/s: delivered ${step.delivered}/${step.sent}  ${latency} ms  ${step.sustained ? 'sustained' : 'NOT sustained'} ${JSON.stringify(step.errors)}${repeats}`);
  if (step.server) log(`${label} ${rate}/s in the server (p50 / p99 ms): ${formatShare(step.server)}`);
}

async function conversationsPhase() {
  const v = options.visitors;
  const a = options.agents;
  const result = { visitors: v, agents: a, stepSeconds: options.stepSeconds };
  log(`conversations: ${v} visitors, ${a} agents, rates ${options.rates.join(', ')} msg/s, ${options.stepSeconds} s each`);
  const dataDir = tempDir('chat');
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // Metrics on (only in this phase: prom-client would count in the idle-memory readings) for the server's share.
  const server = await startParley(dataDir, { cpuProfDir: profileDir, env: { PARLEY_METRICS: '1' } });
  cleanup.push(() => server.stop());
  const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
  // The baseline runs beside Parley, idle while Parley's step runs and the other way round.
  const echoDir = options.skipBaseline ? null : tempDir('echo');
  const echo = echoDir ? await startBaseline('ws-sqlite-echo.mjs', { DB: join(echoDir, 'echo.db') }) : null;
  if (echo) cleanup.push(() => echo.stop());
  try {
    const db = openDatabase(join(dataDir, 'parley.db'));
    const site = defaultSite(db);
    seedVisitors(db, site.id, 'c', 0, v);
    const agents = seedAgents(db, 'c', a, { capacity: Math.ceil(v / a) + 5 });
    db.close();
    const [parley, baseline] = await withWorkers(options.workers, async (workers) => {
      const agentSlices = slices(a, workers.length);
      await Promise.all(
        slices(v, workers.length).map(([from, to], k) =>
          workers[k].request({
            type: 'chatSetup',
            wsBase: `ws://127.0.0.1:${server.port}`,
            siteKey: site.key,
            origin: server.url,
            prefix: 'c',
            from,
            to,
            agents: agents.slice(agentSlices[k][0], agentSlices[k][1]),
            startRate: 200 / workers.length,
          }),
        ),
      );
      const deadline = Date.now() + 60_000;
      let owned = 0;
      while (Date.now() < deadline) {
        const statuses = await Promise.all(workers.map((worker) => worker.request({ type: 'chatStatus' })));
        owned = statuses.reduce((sum, status) => sum + status.owned, 0);
        if (owned >= v) break;
        await sleep(250);
      }
      if (owned < v) throw new Error(`only ${owned} of ${v} conversations were assigned to the bench agents`);
      log(`conversations: ${owned} conversations assigned`);
      const contenders = [{ mode: 'parley', label: 'parley', scrape, stepId: 0 }];
      if (echo) {
        await Promise.all(workers.map((worker) => worker.request({ type: 'echoSetup', url: `ws://127.0.0.1:${echo.port}/`, connections: Math.ceil(v / workers.length) })));
        log('conversations: raw ws + SQLite echo baseline connected; each rate runs Parley and the baseline in turn');
        contenders.push({ mode: 'echo', label: 'baseline', stepId: 100 });
      }
      await settleDisk();
      return runLadder(workers, contenders);
    });
    result.parley = parley;
    if (baseline) result.baseline = baseline;
    result.parley.rssAfter = (await server.mem(false).catch(() => null))?.rss ?? null;
  } finally {
    await server.stop();
    await echo?.stop();
  }
  return result;
}

// ---------------------------------------------------------------- phase 3: history

function timeEach(items, fn) {
  return items.map((item) => {
    const t0 = performance.now();
    fn(item);
    return performance.now() - t0;
  });
}

async function historyPhase() {
  const conversations = options.historyConversations;
  const perConversation = Math.max(1, Math.round(options.messages / conversations));
  const result = { conversations, messages: conversations * perConversation };
  log(`history: seeding ${result.messages} messages in ${conversations} conversations`);
  const dataDir = tempDir('history');
  const file = join(dataDir, 'parley.db');
  const first = await startParley(dataDir); // creates and migrates the database
  await first.stop();
  const db = openDatabase(file);
  const site = defaultSite(db);
  const [admin] = seedAgents(db, 'h', 1, { role: 'admin' });
  result.seedSeconds = seedHistory(db, { siteId: site.id, agentId: admin.id, prefix: 'h', conversations, perConversation });
  db.close();
  result.databaseMiB = statSync(file).size / MiB;
  log(`history: seeded in ${result.seedSeconds.toFixed(1)} s (${result.databaseMiB.toFixed(0)} MiB); starting the server on it`);
  const server = await startParley(dataDir);
  cleanup.push(() => server.stop());
  const random = rng(7);
  const indices = Array.from({ length: options.samples }, () => Math.floor(random() * conversations));
  const terms = searchTerms(random, options.searches);
  try {
    result.serverStartMs = server.startMs;
    result.rssLoaded = (await server.mem(true)).rss;
    await sleep(SETTLE_MS);
    result.rssSettled = (await server.mem(true)).rss;
    const resumed = await withWorkers(1, ([worker]) =>
      worker.request({ type: 'resume', wsBase: `ws://127.0.0.1:${server.port}`, siteKey: site.key, origin: server.url, prefix: 'h', indices, agentCookie: admin.cookie }),
    );
    result.visitorResume = summarize(resumed.visitorMs);
    result.visitorAuth = summarize(resumed.authMs);
    result.agentResume = summarize(resumed.agentMs);
    result.messagesReplayed = resumed.messages;
    const searchMs = [];
    const hits = [];
    for (const term of terms) {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/api/v1/console/search?q=${encodeURIComponent(term)}`, { headers: { cookie: `parley_session=${admin.cookie}`, origin: server.url } });
      const body = await response.json();
      searchMs.push(performance.now() - t0);
      if (!response.ok) throw new Error(`search failed (${response.status}): ${JSON.stringify(body)}`);
      hits.push(body.hits.length);
    }
    result.search = summarize(searchMs);
    result.searchHitsMean = hits.reduce((s, h) => s + h, 0) / hits.length;
    result.searchSlowest = terms.map((term, i) => ({ term, ms: searchMs[i] })).sort((x, y) => y.ms - x.ms).slice(0, 5);
    // What an agent's console and a shopper's widget load on a store this size: every inbox view (the
    // console reloads it as chats change) and the widget's availability (each time a shopper opens it).
    const timedGet = async (path, headers) => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}${path}`, { headers });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path} failed (${response.status})`);
      return performance.now() - t0;
    };
    const agentHeaders = { cookie: `parley_session=${admin.cookie}`, origin: server.url };
    result.inbox = {};
    for (const view of ['waiting', 'mine', 'closed']) {
      const ms = [];
      for (let i = 0; i < 100; i += 1) ms.push(await timedGet(`/api/v1/console/conversations?view=${view}`, agentHeaders));
      result.inbox[view] = summarize(ms);
    }
    const availabilityMs = [];
    for (let i = 0; i < 200; i += 1) availabilityMs.push(await timedGet(`/api/v1/sites/${site.key}/availability`, { origin: server.url }));
    result.availability = summarize(availabilityMs);
    // Baseline: the same queries straight through better-sqlite3 in this process, no HTTP, no socket.
    const direct = openDatabase(file, { readonly: true });
    try {
      const after = direct.prepare('SELECT * FROM messages m WHERE m.conversation_id = ? AND m.seq > ? AND m.internal = 0 ORDER BY m.seq LIMIT 500');
      // The server's search (console-api/search-routes.ts): rank the matches, or list the newest 50 when
      // there are more than 2,000.
      const hits = (order) =>
        direct.prepare(
          `SELECT m.conversation_id, m.id, m.seq, m.internal, m.created_at, snippet(messages_fts, 0, '[', ']', '…', 16) AS snippet, v.id, v.name, v.email
           FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid JOIN conversations c ON c.id = m.conversation_id
           JOIN visitors v ON v.id = c.visitor_id WHERE messages_fts MATCH ? ORDER BY ${order} LIMIT 50`,
        );
      const ranked = hits('rank');
      const newest = hits('messages_fts.rowid DESC');
      const crowded = direct.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET 2000');
      const search = { all: (match) => (crowded.get(match) ? newest : ranked).all(match) };
      const fts = (text) => (text.match(/[\p{L}\p{N}]+/gu) ?? []).map((word, i, all) => `"${word}"${i === all.length - 1 ? '*' : ''}`).join(' ');
      result.queryResume = summarize(timeEach(indices, (i) => after.all(`hc${i}`, 0)));
      result.baselineSearch = summarize(timeEach(terms, (term) => search.all(fts(term))));
    } finally {
      direct.close();
    }
  } finally {
    await server.stop();
  }
  const echoDir = tempDir('history-echo');
  const echo = await startBaseline('ws-sqlite-echo.mjs', { DB: join(echoDir, 'echo.db'), HISTORY_DB: file });
  cleanup.push(() => echo.stop());
  try {
    const replayed = await withWorkers(1, ([worker]) => worker.request({ type: 'resumeBaseline', url: `ws://127.0.0.1:${echo.port}/`, prefix: 'h', indices }));
    result.baselineResume = summarize(replayed.ms);
  } finally {
    await echo.stop();
  }
  return result;
}

// ---------------------------------------------------------------- phase 4: widget

async function widgetPhase() {
  const { measure, BUDGETS } = await import('../size-report.mjs');
  try {
    const { files, total } = measure();
    const launcher = files.find((file) => file.name === 'widget.js');
    return { files, total, launcher, budgets: BUDGETS };
  } catch (error) {
    return { error: `widget not built: ${error.message}` };
  }
}

// ---------------------------------------------------------------- report

const KiB = (bytes) => (typeof bytes === 'number' ? bytes / 1024 : undefined);

function table(results, machine) {
  const rows = [];
  const add = (phase, metric, parley, baseline, ratio, target, status) => rows.push([phase, metric, parley, baseline ?? '–', ratio ?? '–', target ?? '', status ?? '']);
  if (machine.diskAtStart) {
    const d = (probe) => `${probe.commitsPerSecond}/s (p99 ${formatNumber(probe.p99, 2)} ms)`;
    add('machine', 'disk: SQLite WAL+FULL commits, start / end', `${d(machine.diskAtStart)} / ${machine.diskAtEnd ? d(machine.diskAtEnd) : '–'}`, 'anchor ≈ 7,000/s');
    const psi = (value) => (value === null || value === undefined ? '–' : `${formatNumber(value)} %`);
    add('machine', 'I/O pressure, some avg60, start / end', `${psi(machine.ioPressureAtStart)} / ${psi(machine.ioPressureAtEnd)}`, 'quiet disk ≈ 0 %');
  }
  const c = results.connections;
  if (c) {
    const baseStart = c.baselineStart ?? c.baseline.before;
    add('connections', 'empty server RSS 2 s after start (MiB)', formatNumber(c.idleServer.rss / MiB), formatNumber(baseStart.rss / MiB), formatRatio(c.idleServer.rss, baseStart.rss));
    const settled = c.idleSettled ?? c.idleServer;
    const baseSettled = c.baseline.before;
    add('connections', `idle empty server RSS, ${SETTLE_MS / 1000} s after start (MiB)`, formatNumber(settled.rss / MiB), formatNumber(baseSettled.rss / MiB), formatRatio(settled.rss, baseSettled.rss), '≤ 80 MB', verdict(settled.rss / 1e6, { atMost: 80 }));
    add('connections', `idle sockets held (of ${options.connections})`, String(c.parley.connected), String(c.baseline.connected), '', `${options.connections.toLocaleString('en-US')} held`, verdict(c.parley.connected, { atLeast: options.connections }));
    add('connections', 'RSS per idle connection (KiB)', formatNumber(KiB(c.parley.rssPerConnection)), formatNumber(KiB(c.baseline.rssPerConnection)), formatRatio(c.parley.rssPerConnection, c.baseline.rssPerConnection), '≤ 16 KiB', verdict(KiB(c.parley.rssPerConnection), { atMost: 16 }));
    add('connections', 'heap per idle connection (KiB)', formatNumber(KiB(c.parley.heapPerConnection)), formatNumber(KiB(c.baseline.heapPerConnection)), formatRatio(c.parley.heapPerConnection, c.baseline.heapPerConnection));
    add('connections', 'RSS with all sockets (MiB)', formatNumber(c.parley.after.rss / MiB), formatNumber(c.baseline.after.rss / MiB), formatRatio(c.parley.after.rss, c.baseline.after.rss));
    add('connections', 'connect + auth rate (sockets/s)', formatNumber(c.parley.connected / (c.parley.connectMs / 1000)));
  }
  const v = results.conversations;
  if (v) {
    const byRate = (steps, rate) => steps.find((step) => step.rate === rate);
    if (v.baseline) add('conversations', 'runs', `${v.visitors} visitors, ${v.agents} agents, ${v.stepSeconds} s per run`, 'in turn with Parley, run by run', '', '', '');
    for (const step of v.parley.steps) {
      const base = byRate(v.baseline?.steps ?? [], step.rate);
      if (step.skipped) {
        add('conversations', `${step.rate}/s`, `skipped: ${step.skipped}`, base?.roundTrip ? `rtt ${formatLatency(base.roundTrip)}; ${base.delivered}/${base.sent}` : '–', '', step.rate === 2000 ? 'v→a p99 ≤ 25 ms' : '', step.rate === 2000 ? 'NOT met' : '');
        continue;
      }
      const target = step.rate === 2000 ? 'v→a p99 ≤ 25 ms' : '';
      add('conversations', `${step.rate}/s v→a p50/p95/p99/max ms`, formatLatency(step.visitorToAgent), base?.roundTrip ? `rtt ${formatLatency(base.roundTrip)}` : '–', base?.roundTrip ? formatRatio(step.visitorToAgent.p99, base.roundTrip.p99) : '–', target, step.rate === 2000 ? verdict(step.visitorToAgent.p99 ?? NaN, { atMost: 25 }) : '');
      add('conversations', `${step.rate}/s a→v p50/p95/p99/max ms`, formatLatency(step.agentToVisitor), '', '', '', '');
      add('conversations', `${step.rate}/s delivered/sent`, `${step.delivered}/${step.sent}${step.sustained ? '' : ' (not sustained)'}`, base?.roundTrip ? `${base.delivered}/${base.sent}${base.sustained ? '' : ' (not sustained)'}` : '–');
      if (step.server) {
        add('conversations', `${step.rate}/s in the server: write→durable p50/p99 · log fsync p50/p99/p99.9 · event-loop delay p99/max ms · server CPU per message`, formatShare(step.server), '', '', '', '');
      }
      if (step.runsP99) {
        const list = (runs) => runs.map((p) => formatNumber(p)).join(' / ');
        add('conversations', `${step.rate}/s p99 of each run (median shown above)`, `v→a ${list(step.runsP99)}`, base?.runsP99 ? `rtt ${list(base.runsP99)}` : '', '', '', '');
      }
    }
    for (const base of (v.baseline?.steps ?? []).filter((step) => !step.skipped && !byRate(v.parley.steps, step.rate))) {
      add('conversations', `${base.rate}/s baseline only`, '', `rtt ${formatLatency(base.roundTrip)}; ${base.delivered}/${base.sent}${base.sustained ? '' : ' (not sustained)'}`);
    }
    if (v.baseline) {
      const ratio = v.baseline.maxSustainedRate > 0 ? v.parley.maxSustainedRate / v.baseline.maxSustainedRate : NaN;
      add('conversations', 'peak delivered msg/s (any latency)', formatNumber(v.parley.peakThroughput, 0), formatNumber(v.baseline.peakThroughput, 0), formatRatio(v.parley.peakThroughput, v.baseline.peakThroughput), '≥ 50% of baseline', verdict(v.parley.peakThroughput / v.baseline.peakThroughput, { atLeast: 0.5 }));
      add('conversations', `max sustained msg/s (p99 < ${options.latencyLimitMs} ms)`, String(v.parley.maxSustainedRate), `${v.baseline.maxSustainedRate}${v.baseline.maxSustainedRate === Math.max(...options.rates) ? ' (top rate tried)' : ''}`, formatRatio(v.parley.maxSustainedRate, v.baseline.maxSustainedRate), '≥ 50% of baseline', verdict(ratio, { atLeast: 0.5 }));
    }
  }
  const h = results.history;
  if (h) {
    add('history', `visitor resume p50/p95/p99/max ms (${h.messages / h.conversations} msgs)`, formatLatency(h.visitorResume), `ws+sqlite ${formatLatency(h.baselineResume)}`, formatRatio(h.visitorResume.p99, h.baselineResume.p99));
    add('history', 'agent transcript load p50/p95/p99/max ms', formatLatency(h.agentResume), `ws+sqlite ${formatLatency(h.baselineResume)}`, formatRatio(h.agentResume.p99, h.baselineResume.p99));
    add('history', 'transcript query alone (in process) ms', '', formatLatency(h.queryResume));
    add('history', 'visitor socket auth p50/p95/p99/max ms', formatLatency(h.visitorAuth));
    add('history', 'search p50/p95/p99/max ms', formatLatency(h.search), `in-process query ${formatLatency(h.baselineSearch)}`, formatRatio(h.search.p99, h.baselineSearch.p99));
    if (h.inbox) {
      for (const [view, summary] of Object.entries(h.inbox)) add('history', `console inbox load, ${view} view (list + counts + tags) ms`, formatLatency(summary));
      add('history', 'widget availability (live, hours, typical wait) ms', formatLatency(h.availability));
    }
    add('history', 'server start on the big database (ms)', String(h.serverStartMs), '', '', '', '');
    add('history', 'RSS with the big database, just started (MiB)', formatNumber(h.rssLoaded / MiB), '', '', '', '');
    const loaded = h.rssSettled ?? h.rssLoaded;
    add('history', `RSS with the big database, idle ${SETTLE_MS / 1000} s (MiB)`, formatNumber(loaded / MiB), '', '', '≤ 80 MB idle', verdict(loaded / 1e6, { atMost: 80 }));
  }
  const w = results.widget;
  if (w && !w.error) {
    add('widget', 'launcher widget.js raw/gzip/brotli (B)', `${w.launcher.raw} / ${w.launcher.gzip} / ${w.launcher.brotli}`, 'Preact hello 5.5 KB gz', '', '≤ 5 KB gzip', verdict(w.launcher.gzip, { atMost: w.budgets.launcherGzip }));
    add('widget', 'all files raw/gzip/brotli (B)', `${w.total.raw} / ${w.total.gzip} / ${w.total.brotli}`, 'peers 70–480 KB gz', '', '≤ 25 KB gzip', verdict(w.total.gzip, { atMost: w.budgets.totalGzip }));
  } else if (w) add('widget', 'bundle', w.error);
  return { columns: ['phase', 'metric', 'parley', 'baseline', 'ratio', 'target', 'status'], rows };
}

/**
 * The kernel's I/O pressure (PSI, `/proc/pressure/io`): the share of the last 60 s in which some task waited
 * for the disk. On this shared VM it reads 10–30 % with nothing of ours running; every durable-write number
 * moves with it. Null where the kernel does not expose it.
 */
function ioPressure() {
  try {
    const line = readFileSync('/proc/pressure/io', 'utf8').split('\n')[0];
    return Number(/avg60=([\d.]+)/.exec(line)?.[1] ?? NaN);
  } catch {
    return null;
  }
}

/** Before a ladder: written data reaches the disk first, so one server's writeback does not land on the next. */
async function settleDisk() {
  execFileSync('sync');
  await sleep(3000);
}

/** How fast this disk commits right now: 1,000 single-row WAL+FULL transactions (the anchor said ≈ 7k/s). */
function commitProbe() {
  const dir = tempDir('disk');
  const db = openDatabase(join(dir, 'probe.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const ms = timeEach(Array.from({ length: 1000 }, (_, i) => i), (i) => insert.run(`probe ${i}`));
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const stats = summarize(ms);
  return { commitsPerSecond: Math.round(1000 / stats.mean), p50: stats.p50, p99: stats.p99, max: stats.max };
}

async function main() {
  assertServerBuilt();
  const startedAt = new Date();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg(),
    serverBuiltAt: statSync(join(root, 'apps/server/dist/main.mjs')).mtime.toISOString(),
    gitHead: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
      } catch {
        return null;
      }
    })(),
  };
  machine.ioPressureAtStart = ioPressure();
  machine.diskAtStart = commitProbe();
  log(`disk: ${machine.diskAtStart.commitsPerSecond} WAL+FULL commits/s (p99 ${machine.diskAtStart.p99.toFixed(2)} ms)`);
  log(`machine: ${machine.cpus} cores, ${machine.memoryGiB.toFixed(1)} GiB, node ${machine.node}, load ${machine.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}`);
  const results = {};
  const phases = { connections: connectionsPhase, conversations: conversationsPhase, history: historyPhase, widget: widgetPhase };
  for (const name of options.phases) {
    const t0 = Date.now();
    results[name] = await phases[name]();
    results[name].phaseSeconds = (Date.now() - t0) / 1000;
  }
  machine.loadAverageAtEnd = os.loadavg();
  machine.diskAtEnd = commitProbe();
  machine.ioPressureAtEnd = ioPressure();
  const { columns, rows } = table(results, machine);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  console.log(`\nParley benchmark — ${startedAt.toISOString()} — ${command}\n${machine.cpus} cores, ${machine.memoryGiB.toFixed(1)} GiB, node ${machine.node}; server built ${machine.serverBuiltAt} (HEAD ${machine.gitHead})\n`);
  console.log(formatTable(columns, rows));
  // Every run keeps its own files (a partial run must not overwrite the full one it is compared with);
  // latest.* are copies of the newest. The Markdown says which run it is, so it is not pasted as another.
  mkdirSync(resultsDir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify({ startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), command, machine, options, table: { columns, rows }, results }, null, 1)}\n`;
  const markdown = `${startedAt.toISOString()}, \`${command}\`, HEAD ${machine.gitHead}, phases: ${options.phases.join(', ')}\n\n${formatMarkdownTable(columns, rows)}\n`;
  for (const name of [stamp, 'latest']) {
    writeFileSync(join(resultsDir, `${name}.json`), json);
    writeFileSync(join(resultsDir, `${name}.md`), markdown);
  }
  console.log(`\nwrote bench-results/${stamp}.json and .md (copied to latest.*; the .md is the table for BENCHMARKS.md)\n`);
}

async function shutdown() {
  for (const stop of cleanup.reverse()) await stop().catch(() => {});
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

process.on('SIGINT', () => void shutdown().then(() => process.exit(130)));
main()
  .then(shutdown)
  .catch(async (error) => {
    console.error(`\n✖ bench failed: ${error.message}\n`);
    if (process.env.BENCH_DEBUG) console.error(error);
    await shutdown();
    process.exit(1);
  });
