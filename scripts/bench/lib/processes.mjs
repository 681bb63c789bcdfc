/**
 * Starting and stopping the processes under test (the built Parley server and the baseline servers), each
 * with the memory probe preloaded, and the load workers (forked `worker.mjs`). Loopback only.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const benchDir = join(root, 'scripts', 'bench');
export const require = createRequire(join(root, 'apps/server/package.json'));
/** The built server; `PARLEY_BENCH_SERVER` names another build (an A/B of two commits' `apps/server/dist`). */
export const SERVER_ENTRY = process.env.PARLEY_BENCH_SERVER ? resolve(process.env.PARLEY_BENCH_SERVER) : join(root, 'apps/server/dist/main.mjs');
const PROBE = pathToFileURL(join(benchDir, 'probe.mjs')).href;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const sha256 = (text) => createHash('sha256').update(text).digest('hex');

export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** A child process with the memory probe: `mem(gc)` asks it for process.memoryUsage(). */
class ProbedProcess {
  constructor(child, port) {
    this.child = child;
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.nextId = 0;
  }

  mem(gc = true) {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('memory probe did not answer')), 30_000);
      const onMessage = (message) => {
        if (message?.type !== 'mem' || message.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        resolve(message);
      };
      this.child.on('message', onMessage);
      this.child.send({ type: 'mem', id, gc });
    });
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

function spawnProbed(script, env, extraArgs = []) {
  return fork(script, [], {
    execArgv: ['--expose-gc', '--import', PROBE, ...extraArgs],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

async function waitUntilUp(url, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await sleep(25);
  }
  throw new Error(`server at ${url} did not come up within ${deadlineMs} ms`);
}

/** Fails with a clear message unless `apps/server/dist/main.mjs` exists. */
export function assertServerBuilt() {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`The server is not built (${SERVER_ENTRY} is missing). Run \`npm run build\` first, then \`npm run bench\`.`);
  }
}

/** Starts the built Parley server on a free port with its data in `dataDir`. */
export async function startParley(dataDir, { cpuProfDir, env = {} } = {}) {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  // PARLEY_BENCH_SERVER_FLAGS: Node flags for the server alone, for A/B runs (e.g. "--single-threaded-gc").
  const flags = (process.env.PARLEY_BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const extra = [...flags, ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [])];
  const child = spawnProbed(
    SERVER_ENTRY,
    { PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_DEMO: '0', PARLEY_LOG_LEVEL: 'error', NODE_ENV: 'production', ...env },
    extra,
  );
  const server = new ProbedProcess(child, port);
  const started = Date.now();
  await Promise.race([waitUntilUp(server.url, 120_000), server.exited.then(({ code }) => Promise.reject(new Error(`server exited with ${code} while starting`)))]);
  server.startMs = Date.now() - started;
  return server;
}

/** Starts a baseline script from `baselines/` (it sends `{ type: 'listening' }` when ready). */
export async function startBaseline(name, env = {}) {
  const port = await freePort();
  const child = spawnProbed(join(benchDir, 'baselines', name), { PORT: String(port), ...env });
  const server = new ProbedProcess(child, port);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline ${name} did not start`)), 15_000);
    child.on('message', (message) => {
      if (message?.type === 'listening') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`baseline ${name} exited with ${code}`)));
  });
  return server;
}

/** A load worker (`worker.mjs`): `request(message)` sends a command and resolves with its `done` reply. */
export class Worker {
  constructor(index) {
    this.index = index;
    this.child = fork(join(benchDir, 'worker.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: ['--max-old-space-size=2048'] });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.nextId = 0;
  }

  request(command, timeoutMs = 300_000) {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.index}: ${command.type} timed out`)), timeoutMs);
      const onMessage = (message) => {
        if (message?.id !== id) return;
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        if (message.error) reject(new Error(`worker ${this.index}: ${message.error}`));
        else resolve(message.result);
      };
      const onExit = (code) => {
        clearTimeout(timer);
        reject(new Error(`worker ${this.index} exited with ${code} during ${command.type}`));
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
      this.child.send({ ...command, id });
    });
  }

  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.send({ type: 'exit' });
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

/** Opens the server's database from the harness (for seeding) with a generous busy timeout. */
export function openDatabase(file, options = {}) {
  const Database = require('better-sqlite3');
  const db = new Database(file, options);
  db.pragma('busy_timeout = 10000');
  return db;
}

/** The default site's key and id. */
export function defaultSite(db) {
  return db.prepare('SELECT id, key FROM sites ORDER BY created_at LIMIT 1').get();
}

/** Inserts visitors `from..to-1` with known tokens `${prefix}${i}` (stored as sha256 hex, as Parley does). */
export function seedVisitors(db, siteId, prefix, from, to, now = Date.now()) {
  const insert = db.prepare('INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = from; i < to; i += 1) insert.run(`${prefix}v${i}`, siteId, sha256(`${prefix}${i}`), now, now);
  })();
}

/** Inserts `count` online agents with live sessions; returns their ids and cookie secrets. */
export function seedAgents(db, prefix, count, { capacity = 5, role = 'agent' } = {}, now = Date.now()) {
  const agents = [];
  const insertAgent = db.prepare(
    "INSERT INTO agents (id, email, name, role, password_hash, capacity, status, created_at) VALUES (?, ?, ?, ?, 'scrypt$bench', ?, 'online', ?)",
  );
  const insertSession = db.prepare('INSERT INTO agent_sessions (id, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = `${prefix}a${i}`;
      const cookie = `${prefix}session${i}`;
      insertAgent.run(id, `${id}@bench.invalid`, `Agent ${i}`, role, capacity, now);
      insertSession.run(sha256(cookie), id, now, now + 24 * 3600 * 1000);
      agents.push({ id, cookie });
    }
  })();
  return agents;
}

/**
 * Asks `${url}/healthz` every 5 ms, one request at a time, until `stop()`: each answer's time is how long the
 * server's event loop was held. `samples` grows as answers come; `stop()` resolves once the last is in.
 */
export function probeHealth(url) {
  const samples = [];
  let probing = true;
  const running = (async () => {
    while (probing) {
      const t0 = performance.now();
      const answered = await fetch(`${url}/healthz`).then((response) => response.text()).catch(() => null);
      if (answered === null) break; // the server stopped
      samples.push(performance.now() - t0);
      await sleep(5);
    }
  })();
  return {
    samples,
    stop: () => {
      probing = false;
      return running;
    },
  };
}
