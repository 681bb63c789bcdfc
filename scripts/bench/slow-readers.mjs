/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): what shopper sockets that stop reading
 * cost the server. 20 sockets each resume a 6,000-message chat five times and never read; then the server's RSS,
 * and how long `/healthz` takes right after the resumes. (ws/send-buffer.ts sends a long replay in steps as the
 * socket drains and cuts a socket once 4 MiB wait for it; before, every replay was buffered whole, in one turn.)
 * Run: node scripts/bench/slow-readers.mjs (needs the built server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, require, seedVisitors, sleep, startParley } from './lib/processes.mjs';

const WebSocket = require('ws');
const SOCKETS = 20;
const RESUMES = 5;
const HISTORY = 6000;

const dir = mkdtempSync(join(tmpdir(), 'parley-slow-readers-'));
const server = await startParley(dir);
try {
  const db = openDatabase(join(dir, 'parley.db'));
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'slow', 0, 1);
  const now = Date.now();
  db.prepare(
    "INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at, last_seq) VALUES ('long', ?, 'slowv0', 'open', ?, ?, ?)",
  ).run(site.id, now, now, HISTORY);
  const message = db.prepare(
    "INSERT INTO messages (id, conversation_id, seq, client_id, author_type, body, internal, created_at) VALUES (?, 'long', ?, ?, 'visitor', ?, 0, ?)",
  );
  const body = 'These boots run half a size small; I would order one size up. '.repeat(16);
  db.transaction(() => {
    for (let seq = 1; seq <= HISTORY; seq += 1) message.run(`long${seq}`, seq, `c${seq}`, body, now);
  })();
  db.close();

  const rss = async () => `${((await server.mem(true)).rss / 2 ** 20).toFixed(1)} MiB`;
  console.log(`server RSS before: ${await rss()}`);
  const sockets = [];
  for (let i = 0; i < SOCKETS; i += 1) {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/visitor?site=${site.key}`, { headers: { origin: 'http://shop.example' } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'session.auth', token: 'slow0', protocol: 1 }));
    await new Promise((resolve) => ws.once('message', resolve));
    ws._socket.pause(); // from now on this client reads nothing
    for (let k = 0; k < RESUMES; k += 1) ws.send(JSON.stringify({ type: 'conversation.resume', conversationId: 'long', lastSeq: 0 }));
    sockets.push(ws);
  }
  const started = performance.now();
  const health = await fetch(`${server.url}/healthz`);
  console.log(`/healthz right after the resumes: ${health.status} in ${(performance.now() - started).toFixed(0)} ms`);
  let waited = 0;
  for (const seconds of [1, 3, 6, 10]) {
    await sleep((seconds - waited) * 1000);
    waited = seconds;
    console.log(`server RSS ${seconds} s later: ${await rss()}`);
  }
  for (const ws of sockets) ws.terminate();
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
