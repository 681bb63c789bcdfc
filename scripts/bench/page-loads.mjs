/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): what shoppers browsing cost the
 * chats going on meanwhile. On every page load the widget opens its socket and, once the session is ready,
 * says which page this is, who the shopper is (the store's identify) and what is in the cart (attributes).
 *
 * 2,000 page loads, 200 a second (a busy store, or a reconnect storm after a deploy): each opens a visitor
 * socket, authenticates, sends those three frames and closes once all three are answered. Meanwhile 20
 * shoppers chat with an agent, 100 messages a second in all. Reported: each frame's answer time, the chat
 * messages' visitor→agent latency, and `/healthz` asked every 5 ms (how long the event loop was held).
 * Run: node scripts/bench/page-loads.mjs (needs the built server; PARLEY_BENCH_SERVER for another build).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, require, seedAgents, seedVisitors, probeHealth, sleep, startParley } from './lib/processes.mjs';
import { summarize } from './lib/stats.mjs';

const WebSocket = require('ws');
const LOADS = Number(process.env.LOADS ?? 2000);
const PER_SECOND = 200;
const CHATTERS = 20;
const CHAT_PER_SECOND = 100;
const SHOP = 'http://shop.bench.invalid';

const dir = mkdtempSync(join(tmpdir(), 'parley-page-loads-'));
const server = await startParley(dir);
const sockets = new Set();
const line = (summary) => `p50 ${summary.p50.toFixed(1)} p99 ${summary.p99.toFixed(1)} max ${summary.max.toFixed(1)} ms`;
try {
  const db = openDatabase(join(dir, 'parley.db'));
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'p', 0, LOADS);
  seedVisitors(db, site.id, 'c', 0, CHATTERS);
  const [agent] = seedAgents(db, 'bench', 1, { capacity: CHATTERS + 5 });
  db.close();
  const wsBase = `ws://127.0.0.1:${server.port}`;
  const open = (path, headers) => {
    const socket = new WebSocket(`${wsBase}${path}`, { headers });
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    return socket;
  };

  // The agent, and 20 shoppers whose chats are theirs.
  const sentAt = new Map();
  const chatLatency = [];
  const assigned = new Set();
  await new Promise((resolve, reject) => {
    const socket = open('/ws/agent', { origin: server.url, cookie: `parley_session=${agent.cookie}` });
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'session.ready') resolve();
      if (frame.type === 'conversation.assigned') assigned.add(frame.conversation.id);
      if (frame.type === 'message.created' && frame.message.author.type === 'visitor') {
        const t0 = sentAt.get(frame.message.clientId);
        if (t0 !== undefined) chatLatency.push(performance.now() - t0);
      }
    });
    socket.on('error', reject);
  });
  const chatters = await Promise.all(
    Array.from({ length: CHATTERS }, (_, i) =>
      new Promise((resolve, reject) => {
        const socket = open(`/ws/visitor?site=${site.key}`, { origin: SHOP });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `c${i}`, protocol: 1 })));
        socket.on('message', (data) => {
          if (JSON.parse(String(data)).type === 'session.ready') {
            socket.send(JSON.stringify({ type: 'message.send', clientId: `c${i}-hello`, text: 'Hello!' }));
            resolve(socket);
          }
        });
        socket.on('error', reject);
      }),
    ),
  );
  for (let waited = 0; assigned.size < CHATTERS && waited < 10_000; waited += 50) await sleep(50);
  if (assigned.size < CHATTERS) throw new Error(`only ${assigned.size} of ${CHATTERS} chats were assigned`);

  const probe = probeHealth(server.url);
  const health = probe.samples;
  let chatting = true;
  const chat = (async () => {
    for (let n = 0; chatting; n += 1) {
      const clientId = `m${n}`;
      sentAt.set(clientId, performance.now());
      chatters[n % CHATTERS].send(JSON.stringify({ type: 'message.send', clientId, text: `Does the ${n}th size run small?` }));
      await sleep(1000 / CHAT_PER_SECOND);
    }
  })();
  await sleep(1000);
  const before = { chat: chatLatency.length, health: health.length };

  // The page loads.
  const answers = { ready: [], 'page.view': [], 'visitor.identify': [], 'visitor.attributes': [] };
  let failed = 0;
  const loads = [];
  const started = performance.now();
  for (let i = 0; i < LOADS; i += 1) {
    loads.push(
      new Promise((resolve) => {
        const t0 = performance.now();
        const socket = open(`/ws/visitor?site=${site.key}`, { origin: SHOP });
        const pending = new Map();
        const done = () => (socket.close(), resolve());
        socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `p${i}`, protocol: 1 })));
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data));
          if (frame.type === 'session.ready') {
            answers.ready.push(performance.now() - t0);
            const frames = [
              { type: 'page.view', page: { url: `${SHOP}/products/${i % 97}`, title: `Product ${i % 97}` }, ref: 'p' },
              { type: 'visitor.identify', id: `customer-${i}`, email: `shopper${i}@example.com`, name: `Shopper ${i}`, ref: 'i' },
              { type: 'visitor.attributes', attributes: { cartItems: i % 5, cartTotal: (i % 5) * 19.9 }, ref: 'a' },
            ];
            const sent = performance.now();
            for (const command of frames) pending.set(command.ref, command.type), socket.send(JSON.stringify(command));
            pending.sent = sent;
          } else if (frame.type === 'ok' && pending.has(frame.ref)) {
            answers[pending.get(frame.ref)].push(performance.now() - pending.sent);
            pending.delete(frame.ref);
            if (pending.size === 0) done();
          } else if (frame.type === 'error') {
            failed += 1;
            done();
          }
        });
        socket.on('error', () => ((failed += 1), resolve()));
      }),
    );
    const due = started + ((i + 1) * 1000) / PER_SECOND;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.race([Promise.all(loads), sleep(30_000)]);
  const tookS = (performance.now() - started) / 1000;
  chatting = false;
  await chat;
  await sleep(500);
  await probe.stop();

  console.log(`page loads: ${answers['visitor.attributes'].length}/${LOADS} answered in ${tookS.toFixed(1)} s (${PER_SECOND}/s offered), ${failed} failed`);
  console.log(`  socket open → session.ready ${line(summarize(answers.ready))}`);
  for (const type of ['page.view', 'visitor.identify', 'visitor.attributes']) console.log(`  ${type} → ok ${line(summarize(answers[type]))}`);
  console.log(`  meanwhile, chat v→a (${CHAT_PER_SECOND}/s) ${line(summarize(chatLatency.slice(before.chat)))}; /healthz ${line(summarize(health.slice(before.health)))}`);
} finally {
  for (const socket of sockets) socket.terminate();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
