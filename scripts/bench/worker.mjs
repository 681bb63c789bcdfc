/**
 * A load generator, forked by the harness. It holds sockets between commands and answers each command
 * (`connect`, `close`, `chatSetup`, `chatStatus`, `echoSetup`, `step`, `resume`) over IPC with
 * `{ id, result }` or `{ id, error }`. Send times are stamped into the message text with the system-wide
 * monotonic clock (process.hrtime), so any process on this machine can measure latency at receipt.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WebSocket = createRequire(join(root, 'apps/server/package.json'))('ws');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const nowNs = () => Number(process.hrtime.bigint());
const FILLER = 'Hi! Do you ship this jacket to Canada, and how long does delivery usually take?';

const state = {
  idle: [], // sockets held by `connect`
  visitors: [], // { socket, id }
  agents: [], // { socket, id }
  owned: [], // conversations assigned to this worker's agents: { conversationId, agent }
  ownedIds: new Set(),
  echo: [], // echo sockets
  step: null, // the running step's collector
  acks: 0,
  errors: {},
};

function open(url, { headers = {}, localAddress } = {}) {
  const defined = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined));
  return new WebSocket(url, { headers: defined, localAddress, perMessageDeflate: false, handshakeTimeout: 30_000 });
}

/** Opens `count` sockets with at most `concurrency` handshakes in flight; `onOpen(socket, i)` authenticates. */
async function openMany(count, concurrency, makeSocket, ready) {
  let next = 0;
  let failed = 0;
  const sockets = new Array(count);
  const errors = {};
  const one = async () => {
    while (next < count) {
      const i = next;
      next += 1;
      try {
        sockets[i] = await new Promise((resolve, reject) => {
          const socket = makeSocket(i);
          const timer = setTimeout(() => reject(new Error('auth timeout')), 30_000);
          socket.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
          });
          ready(socket, i, () => {
            clearTimeout(timer);
            resolve(socket);
          });
        });
      } catch (error) {
        failed += 1;
        const key = error.code ?? error.message;
        errors[key] = (errors[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
  return { sockets: sockets.filter(Boolean), failed, errors };
}

/** Idle authenticated sockets (phase 1): Parley visitor sockets, or the raw ws baseline. */
async function connect({ url, origin, prefix, from, to, localAddress, concurrency = 100, raw = false }) {
  const started = Date.now();
  const { sockets, failed, errors } = await openMany(
    to - from,
    concurrency,
    () => open(url, { headers: { origin }, localAddress }),
    (socket, i, done) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `${prefix}${from + i}`, protocol: 1 })));
      socket.once('message', (data) => {
        if (raw || String(data).includes('"session.ready"')) done();
        else socket.emit('error', new Error(`auth failed: ${String(data).slice(0, 120)}`));
      });
    },
  );
  for (const socket of sockets) socket.on('error', () => {});
  state.idle.push(...sockets);
  return { connected: sockets.length, failed, errors, ms: Date.now() - started };
}

async function closeAll() {
  const all = [...state.idle, ...state.visitors.map((v) => v.socket), ...state.agents.map((a) => a.socket), ...state.echo];
  await Promise.all(
    all.map(
      (socket) =>
        new Promise((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 3000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          socket.close(1000);
        }),
    ),
  );
  state.idle = [];
  state.visitors = [];
  state.agents = [];
  state.owned = [];
  state.ownedIds = new Set();
  state.echo = [];
  return { closed: all.length };
}

function countError(frame) {
  state.errors[frame.code] = (state.errors[frame.code] ?? 0) + 1;
  if (state.step) state.step.errors[frame.code] = (state.step.errors[frame.code] ?? 0) + 1;
}

/** A stamped text is `b<step> <ns> …`; records its latency in `list` when it belongs to the running step. */
function record(text, list) {
  const step = state.step;
  if (!step || text.charCodeAt(0) !== 98 /* b */) return;
  const space = text.indexOf(' ');
  if (Number(text.slice(1, space)) !== step.id) return;
  const sent = Number(text.slice(space + 1, text.indexOf(' ', space + 1)));
  step[list].push((nowNs() - sent) / 1e6);
}

/** Phase 2 setup: agents connect first (so routing finds them online), then visitors, each starting a chat. */
async function chatSetup({ wsBase, siteKey, origin, prefix, from, to, agents, startRate = 400, concurrency = 50 }) {
  const started = Date.now();
  const agentResult = await openMany(
    agents.length,
    Math.min(concurrency, agents.length || 1),
    (i) => open(`${wsBase}/ws/agent`, { headers: { origin, cookie: `parley_session=${agents[i].cookie}` } }),
    (socket, i, done) => {
      const agent = { socket, id: agents[i].id };
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'session.ready') {
          state.agents.push(agent);
          done();
        } else if (frame.type === 'conversation.assigned') {
          const conversation = frame.conversation;
          if (conversation.assignee?.id === agent.id && !state.ownedIds.has(conversation.id)) {
            state.ownedIds.add(conversation.id);
            state.owned.push({ conversationId: conversation.id, agent });
          }
        } else if (frame.type === 'message.created') {
          if (frame.message.author.type === 'visitor') {
            record(frame.message.text, 'v2a');
            // As the console does (apps/console/src/app/useConsole.ts): each shopper message is marked delivered.
            socket.send(JSON.stringify({ type: 'delivered.mark', conversationId: frame.message.conversationId, seq: frame.message.seq }));
          }
        } else if (frame.type === 'message.ack') {
          state.acks += 1;
          if (state.step) state.step.acks += 1;
        } else if (frame.type === 'error') countError(frame);
      });
    },
  );
  if (agentResult.failed > 0) throw new Error(`agents failed to connect: ${JSON.stringify(agentResult.errors)}`);
  const visitorResult = await openMany(
    to - from,
    concurrency,
    () => open(`${wsBase}/ws/visitor?site=${siteKey}`, { headers: { origin: 'http://shop.bench.invalid' } }),
    (socket, i, done) => {
      const visitor = { socket, id: `${prefix}v${from + i}` };
      socket.on('open', () => socket.send(JSON.stringify({ type: 'session.auth', token: `${prefix}${from + i}`, protocol: 1 })));
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'session.ready') {
          state.visitors.push(visitor);
          done();
        } else if (frame.type === 'message.created') {
          if (frame.message.author.type === 'agent') record(frame.message.text, 'a2v');
        } else if (frame.type === 'message.ack') {
          state.acks += 1;
          if (state.step) state.step.acks += 1;
        } else if (frame.type === 'error') countError(frame);
      });
    },
  );
  if (visitorResult.failed > 0) throw new Error(`visitors failed to connect: ${JSON.stringify(visitorResult.errors)}`);
  // Each visitor starts a conversation, paced so routing is not flooded.
  const pace = 1000 / startRate;
  const startAt = Date.now();
  state.visitors.forEach((visitor, i) => {
    const delay = i * pace - (Date.now() - startAt);
    const sendFirst = () => visitor.socket.send(JSON.stringify({ type: 'message.send', clientId: 'hello', text: 'Hello, is anyone there?' }));
    if (delay <= 0) sendFirst();
    else setTimeout(sendFirst, delay);
  });
  await sleep(state.visitors.length * pace + 50);
  return { agents: state.agents.length, visitors: state.visitors.length, ms: Date.now() - started };
}

function chatStatus() {
  return { owned: state.owned.length, acks: state.acks, errors: state.errors };
}

async function echoSetup({ url, connections }) {
  const result = await openMany(
    connections,
    50,
    () => open(url),
    (socket, i, done) => {
      socket.on('open', done);
      socket.on('message', (data) => {
        if (state.step) {
          state.step.acks += 1;
          record(String(data), 'echo');
        }
      });
    },
  );
  state.echo.push(...result.sockets);
  return { connected: result.sockets.length, failed: result.failed };
}

/**
 * One fixed offered rate for `durationMs`, open loop: a 2 ms ticker sends whatever is due, so a slow server
 * cannot slow the offered load down. Parley: half the messages from visitors (round robin over them), half
 * from agents into their conversations. Echo: all to the echo server. Waits `drainMs`, then reports.
 */
async function step({ stepId, rate, durationMs, drainMs, mode }) {
  const collector = { id: stepId, v2a: [], a2v: [], echo: [], acks: 0, errors: {} };
  state.step = collector;
  const senders =
    mode === 'echo'
      ? [{ rate, list: state.echo, send: (socket, text) => socket.send(text) }]
      : [
          {
            rate: rate / 2,
            list: state.visitors,
            send: (visitor, text, n) => visitor.socket.send(JSON.stringify({ type: 'message.send', clientId: `v${stepId}-${n}`, text })),
          },
          {
            rate: rate / 2,
            list: state.owned,
            send: (conversation, text, n) =>
              conversation.agent.socket.send(JSON.stringify({ type: 'message.send', clientId: `a${stepId}-${n}`, conversationId: conversation.conversationId, text })),
          },
        ];
  for (const sender of senders) {
    sender.sent = 0;
    sender.next = 0;
  }
  const start = performance.now();
  await new Promise((resolve) => {
    const tick = () => {
      const elapsed = Math.min(performance.now() - start, durationMs);
      for (const sender of senders) {
        if (sender.list.length === 0) continue;
        const due = Math.floor((elapsed / 1000) * sender.rate);
        while (sender.sent < due) {
          const target = sender.list[sender.next % sender.list.length];
          sender.next += 1;
          sender.sent += 1;
          sender.send(target, `b${stepId} ${nowNs()} ${FILLER}`, sender.sent);
        }
      }
      if (elapsed >= durationMs) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 2);
  });
  const sendMs = performance.now() - start;
  // Drain: every sent message is acknowledged (Parley acks after the commit and after handing the frame
  // to the recipients' sockets; the echo is the baseline's ack), or `drainMs` passes. Then a short grace.
  const sent = senders.reduce((sum, sender) => sum + sender.sent, 0);
  const drainStart = performance.now();
  while (collector.acks < sent && performance.now() - drainStart < drainMs) await sleep(20);
  const drainedMs = performance.now() - drainStart;
  await sleep(250);
  state.step = null;
  return {
    sendMs,
    drainedMs,
    sentVisitor: mode === 'echo' ? 0 : senders[0].sent,
    sentAgent: mode === 'echo' ? 0 : senders[1].sent,
    sentEcho: mode === 'echo' ? senders[0].sent : 0,
    v2a: collector.v2a,
    a2v: collector.a2v,
    echo: collector.echo,
    acks: collector.acks,
    errors: collector.errors,
  };
}

/** Phase 3: visitors resume random conversations (one at a time); an agent opens random transcripts. */
async function resume({ wsBase, siteKey, origin, prefix, indices, agentCookie }) {
  const visitorMs = [];
  const authMs = [];
  let messages = 0;
  for (const index of indices) {
    await new Promise((resolve, reject) => {
      const socket = open(`${wsBase}/ws/visitor?site=${siteKey}`, { headers: { origin: 'http://shop.bench.invalid' } });
      let t0 = 0;
      let tAuth = 0;
      socket.on('error', reject);
      socket.on('open', () => {
        tAuth = performance.now();
        socket.send(JSON.stringify({ type: 'session.auth', token: `${prefix}${index}`, protocol: 1 }));
      });
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'session.ready') {
          authMs.push(performance.now() - tAuth);
          t0 = performance.now();
          socket.send(JSON.stringify({ type: 'conversation.resume', conversationId: `${prefix}c${index}`, lastSeq: 0, ref: 'r' }));
        } else if (frame.type === 'message.created') messages += 1;
        else if (frame.type === 'conversation.replayed') {
          visitorMs.push(performance.now() - t0);
          socket.close(1000);
          resolve();
        } else if (frame.type === 'error') reject(new Error(`resume failed: ${frame.code}`));
      });
    });
  }
  const agentMs = [];
  if (agentCookie) {
    const socket = open(`${wsBase}/ws/agent`, { headers: { origin, cookie: `parley_session=${agentCookie}` } });
    let waiting = null;
    socket.on('message', (data) => {
      const text = String(data);
      if (!waiting) return;
      if (text.includes('"session.ready"') && waiting.ready) waiting.resolve();
      else if (text.includes('"conversation.replayed"') && !waiting.ready) waiting.resolve();
      else if (text.startsWith('{"type":"error"')) waiting.reject(new Error(`agent resume failed: ${text.slice(0, 200)}`));
    });
    await new Promise((resolve, reject) => {
      waiting = { ready: true, resolve, reject };
      socket.on('error', reject);
    });
    for (const index of indices) {
      const t0 = performance.now();
      await new Promise((resolve, reject) => {
        waiting = { ready: false, resolve, reject };
        socket.send(JSON.stringify({ type: 'conversation.resume', conversationId: `${prefix}c${index}`, lastSeq: 0, ref: 'r' }));
      });
      agentMs.push(performance.now() - t0);
    }
    socket.close(1000);
  }
  return { visitorMs, authMs, agentMs, messages };
}

/** The history baseline: the same conversations replayed by the bare ws + SQLite server, one socket. */
async function resumeBaseline({ url, prefix, indices }) {
  const socket = open(url);
  await new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  let waiting = null;
  socket.on('message', (data) => {
    if (String(data) === '{"type":"replayed"}') waiting();
  });
  const ms = [];
  for (const index of indices) {
    const t0 = performance.now();
    await new Promise((resolve) => {
      waiting = resolve;
      socket.send(JSON.stringify({ resume: `${prefix}c${index}` }));
    });
    ms.push(performance.now() - t0);
  }
  socket.close(1000);
  return { ms };
}

const handlers = { resumeBaseline, connect, close: closeAll, chatSetup, chatStatus, echoSetup, step, resume };

process.on('message', async (message) => {
  if (message?.type === 'exit') {
    await closeAll().catch(() => {});
    process.exit(0);
  }
  const handler = handlers[message?.type];
  if (!handler) return process.send({ id: message?.id, error: `unknown command ${message?.type}` });
  try {
    process.send({ id: message.id, result: await handler(message) });
  } catch (error) {
    process.send({ id: message.id, error: error?.stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
