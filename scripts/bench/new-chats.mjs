/**
 * A one-off experiment behind BENCHMARKS.md (not part of `npm run bench`): what routing costs the server.
 * 1. Queue drain: 500 shoppers wait (nobody online); one agent with room for all of them signs in, and routing
 *    assigns the whole queue. Time until the agent has heard of the last assignment.
 * 2. Chats come and go: 10 agents online; 1,000 shoppers start a chat each, 100 a second, and each chat's agent
 *    closes it as soon as it is theirs. Time from each shopper's first message to their `conversation.assigned`,
 *    and from the agent's close to the shopper's `conversation.closed`.
 * 3. Nobody online: 500 shoppers write twice each, 100 messages a second, and the FAQ bot answers every one.
 *    Time from each message to the bot's answer.
 * Throughout, `/healthz` is asked every 5 ms: how long it takes is how long the event loop was held (by the
 * routing's own writes and their fsyncs, among others).
 * Run: node scripts/bench/new-chats.mjs (needs the built server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSite, openDatabase, require, seedAgents, seedVisitors, probeHealth, sleep, startParley } from './lib/processes.mjs';
import { summarize } from './lib/stats.mjs';

const WebSocket = require('ws');
const QUEUED = 500;
const NEW_CHATS = 1000;
const PER_SECOND = 100;
const BOT_CHATS = 500;
const SHOP = 'http://shop.bench.invalid';

const dir = mkdtempSync(join(tmpdir(), 'parley-new-chats-'));
const server = await startParley(dir);
const sockets = [];
try {
  const db = openDatabase(join(dir, 'parley.db'));
  const site = defaultSite(db);
  seedVisitors(db, site.id, 'q', 0, QUEUED);
  seedVisitors(db, site.id, 'n', 0, NEW_CHATS);
  seedVisitors(db, site.id, 'b', 0, BOT_CHATS);
  const [late] = seedAgents(db, 'late', 1, { capacity: QUEUED + 10 });
  db.prepare("UPDATE agents SET status = 'online'").run();
  const team = seedAgents(db, 'team', 10, { capacity: 100 });
  const now = Date.now();
  const queued = db.prepare(
    "INSERT INTO conversations (id, site_id, visitor_id, status, created_at, queued_at, last_seq, last_activity_at) VALUES (?, ?, ?, 'queued', ?, ?, 0, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < QUEUED; i += 1) queued.run(`qc${i}`, site.id, `qv${i}`, now + i, now + i, now + i);
  })();
  db.close();

  const wsBase = `ws://127.0.0.1:${server.port}`;
  const open = (path, headers) => {
    const socket = new WebSocket(`${wsBase}${path}`, { headers });
    sockets.push(socket);
    return socket;
  };
  const agentSocket = (cookie, onFrame) =>
    new Promise((resolve, reject) => {
      const socket = open('/ws/agent', { origin: server.url, cookie: `parley_session=${cookie}` });
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'session.ready') resolve(socket);
        onFrame(frame);
      });
      socket.on('error', reject);
    });

  // /healthz every 5 ms, one at a time, for the whole run.
  const probe = probeHealth(server.url);
  const health = probe.samples;
  const healthSince = (from) => summarize(health.slice(from));
  await sleep(1000);

  // 1. The queue drains into one agent who signs in.
  let mark = health.length;
  const assigned = new Set();
  const drainStart = performance.now(); // routing drains the queue as the agent's first socket opens
  let drained;
  const allAssigned = new Promise((resolve) => (drained = resolve));
  const lateSocket = await agentSocket(late.cookie, (frame) => {
    if (frame.type === 'conversation.assigned' && frame.conversation.assignee?.id === late.id) {
      assigned.add(frame.conversation.id);
      if (assigned.size === QUEUED) drained(performance.now() - drainStart);
    }
  });
  const drainMs = await Promise.race([allAssigned, sleep(60_000).then(() => NaN)]);
  await sleep(100); // the probe that waited through the drain, answered
  const drainHealth = healthSince(mark);
  console.log(`queue drain: ${assigned.size}/${QUEUED} assigned in ${drainMs.toFixed(0)} ms; /healthz p50 ${drainHealth.p50.toFixed(1)} p99 ${drainHealth.p99.toFixed(1)} max ${drainHealth.max.toFixed(1)} ms`);
  lateSocket.close();
  await sleep(1000);

  // 2. New chats while the team is online.
  const closing = new Map();
  const teamSockets = [];
  for (const agent of team) {
    const socket = await agentSocket(agent.cookie, (frame) => {
      if (frame.type !== 'conversation.assigned' || frame.conversation.assignee?.id !== agent.id) return;
      closing.set(frame.conversation.id, performance.now());
      socket.send(JSON.stringify({ type: 'conversation.close', conversationId: frame.conversation.id }));
    });
    teamSockets.push(socket);
  }
  const visitors = await Promise.all(
    Array.from({ length: NEW_CHATS }, (_, i) =>
      new Promise((resolve, reject) => {
        const socket = open(`/ws/visitor?site=${site.key}`, { origin: SHOP });
        const visitor = { socket, sentAt: 0, assignedMs: NaN, closedMs: NaN };
        socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `n${i}`, protocol: 1 })));
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data));
          if (frame.type === 'session.ready') resolve(visitor);
          if (frame.type === 'conversation.assigned' && Number.isNaN(visitor.assignedMs)) visitor.assignedMs = performance.now() - visitor.sentAt;
          if (frame.type === 'conversation.closed') visitor.closedMs = performance.now() - closing.get(frame.conversation.id);
        });
        socket.on('error', reject);
      }),
    ),
  );
  await sleep(1000);
  mark = health.length;
  for (const visitor of visitors) {
    visitor.sentAt = performance.now();
    visitor.socket.send(JSON.stringify({ type: 'message.send', clientId: 'hello', text: 'Hi, is this jacket warm enough for winter?' }));
    await sleep(1000 / PER_SECOND);
  }
  await sleep(2000);
  const waits = visitors.map((visitor) => visitor.assignedMs).filter((ms) => !Number.isNaN(ms));
  const closes = visitors.map((visitor) => visitor.closedMs).filter((ms) => !Number.isNaN(ms));
  const chatHealth = healthSince(mark);
  const line = (summary) => `p50 ${summary.p50.toFixed(1)} p99 ${summary.p99.toFixed(1)} max ${summary.max.toFixed(1)} ms`;
  console.log(`chats come and go (${PER_SECOND}/s): ${waits.length}/${NEW_CHATS} assigned, ${closes.length} closed`);
  console.log(`  first message → assigned ${line(summarize(waits))}; close → shopper told ${line(summarize(closes))}`);
  console.log(`  /healthz ${line(chatHealth)}`);

  // 3. Nobody online: the FAQ bot answers each shopper's messages.
  for (const socket of teamSockets) socket.close();
  await sleep(1000);
  const askers = await Promise.all(
    Array.from({ length: BOT_CHATS }, (_, i) =>
      new Promise((resolve, reject) => {
        const socket = open(`/ws/visitor?site=${site.key}`, { origin: SHOP });
        const asker = { socket, sentAt: 0, answers: [] };
        socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `b${i}`, protocol: 1 })));
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data));
          if (frame.type === 'session.ready') resolve(asker);
          if (frame.type === 'message.created' && frame.message.author.type === 'bot') asker.answers.push(performance.now() - asker.sentAt);
        });
        socket.on('error', reject);
      }),
    ),
  );
  mark = health.length;
  for (let round = 0; round < 2; round += 1) {
    for (const asker of askers) {
      asker.sentAt = performance.now();
      asker.socket.send(JSON.stringify({ type: 'message.send', clientId: `q${round}`, text: 'How long does shipping to Canada take?' }));
      await sleep(1000 / PER_SECOND);
    }
  }
  await sleep(2000);
  const answers = askers.flatMap((asker) => asker.answers);
  console.log(`nobody online (${PER_SECOND} shopper messages/s): ${answers.length}/${2 * BOT_CHATS} answered by the bot`);
  console.log(`  message → bot's answer ${line(summarize(answers))}; /healthz ${line(healthSince(mark))}`);
  await probe.stop();
} finally {
  for (const socket of sockets) socket.terminate();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
