/**
 * The crash loop: a Parley server in a child process, a shopper sending numbered messages as fast as
 * acks come back (resending unacknowledged ones after every reconnect, as the widget's outbox does), and
 * SIGKILL at random moments followed by a restart. Afterwards it checks, from the database, that every
 * acknowledged message is stored exactly once, in order, and that SQLite's integrity check passes.
 * Loopback only; bounded by `kills` and `maxMs`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'apps/server/package.json'));
const WebSocket = require('ws');
const Database = require('better-sqlite3');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function startServer(port, dataDir) {
  const child = spawn(process.execPath, [join(root, 'apps/server/dist/main.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_DEMO: '0', PARLEY_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitUntilUp(url, deadline) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await sleep(20);
  }
  throw new Error('server did not come up');
}

/**
 * @param {{ kills?: number, maxMs?: number, minUpMs?: number, maxUpMs?: number, signal?: 'SIGKILL' | 'SIGTERM', log?: (line: string) => void }} options
 */
export async function crashLoop(options = {}) {
  const kills = options.kills ?? 5;
  const maxMs = options.maxMs ?? 60_000;
  const log = options.log ?? (() => {});
  const deadline = Date.now() + maxMs;
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child = startServer(port, dataDir);
  await waitUntilUp(url, deadline);

  const siteKey = (() => {
    const db = new Database(join(dataDir, 'parley.db'), { readonly: true });
    try {
      return db.prepare('SELECT key FROM sites LIMIT 1').get().key;
    } finally {
      db.close();
    }
  })();
  const session = await (await fetch(`${url}/api/v1/visitor/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ siteKey }) })).json();

  const signal = options.signal ?? 'SIGKILL';
  const closeCodes = [];
  const exitMs = [];
  const acked = new Set();
  const pending = [];
  let next = 1;
  let stopped = false;

  /** One connection: resend what is unacknowledged, then keep sending new numbers while acks come back. */
  const connectOnce = () =>
    new Promise((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/visitor?site=${siteKey}`);
      const send = (n) => socket.send(JSON.stringify({ type: 'message.send', clientId: `m-${n}`, text: String(n) }));
      const top = () => {
        while (!stopped && pending.length < 20) {
          pending.push(next);
          send(next);
          next += 1;
        }
      };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: session.token, protocol: 1 })));
      let ready = false;
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'session.ready') {
          ready = true;
          for (const n of pending) send(n);
          top();
        } else if (frame.type === 'message.ack') {
          const n = Number(frame.clientId.slice(2));
          acked.add(n);
          const at = pending.indexOf(n);
          if (at >= 0) pending.splice(at, 1);
          top();
        }
      });
      socket.on('error', () => {});
      socket.on('close', (code) => {
        // Only sockets that were connected: failed reconnects while the server is down close with 1006.
        if (ready) closeCodes.push(code);
        resolve();
      });
    });

  const client = (async () => {
    while (!stopped) {
      await connectOnce();
      if (!stopped) await sleep(30);
    }
  })();

  for (let kill = 1; kill <= kills && Date.now() < deadline; kill += 1) {
    const upMs = (options.minUpMs ?? 150) + Math.random() * ((options.maxUpMs ?? 500) - (options.minUpMs ?? 150));
    await sleep(upMs);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const killedAt = Date.now();
    child.kill(signal);
    await exited;
    exitMs.push(Date.now() - killedAt);
    log(`${signal} ${kill}: ${acked.size} acknowledged so far, exited in ${exitMs.at(-1)} ms`);
    child = startServer(port, dataDir);
    await waitUntilUp(url, deadline);
  }
  await sleep(300);
  stopped = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  await client;

  const db = new Database(join(dataDir, 'parley.db'));
  try {
    const rows = db.prepare("SELECT seq, body FROM messages WHERE author_type = 'visitor' ORDER BY seq").all();
    const counts = new Map();
    for (const row of rows) counts.set(Number(row.body), (counts.get(Number(row.body)) ?? 0) + 1);
    const missing = [...acked].filter((n) => !counts.has(n));
    const duplicates = [...counts].filter(([, count]) => count > 1).map(([n]) => n);
    const numbers = rows.map((row) => Number(row.body));
    const outOfOrder = numbers.filter((n, i) => i > 0 && n < numbers[i - 1]);
    const integrity = db.pragma('integrity_check', { simple: true });
    return { kills, signal, acknowledged: acked.size, stored: rows.length, missing, duplicates, outOfOrder, integrity, closeCodes, exitMs };
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
