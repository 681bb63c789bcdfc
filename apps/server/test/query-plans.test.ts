/**
 * The server's own SQL, as SQLite plans it: nothing Parley runs while serving shoppers and agents may read
 * the whole of a table that grows with the store's history. Such a query is quick with ten chats and stops
 * the event loop for everyone at a hundred thousand (the Closed view took 0.8 s there, one background search
 * batch 0.1 s with a million messages, the widget's availability 20–30 ms). Every statement the server
 * prepares during a day's work below is recorded, whatever built it (drizzle or raw SQL), and its plan read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../src/privacy/privacy';
import { TestServer } from './support/test-server';

/** Tables that grow with every chat. (Sites, agents, FAQ and canned answers stay small: the store sets them.) */
const GROWING = new Set(['messages', 'conversations', 'visitors', 'visitor_pages', 'conversation_tags', 'offline_submissions', 'mail_outbox', 'agent_sessions']);

/** Whole-table reads that are the point of the query, and where they run. */
const ALLOWED: { pattern: RegExp; why: string }[] = [
  { pattern: /^select "state", count\(\*\) from "mail_outbox" group by/, why: 'counts every mail by state, on the admin’s Mail page only' },
];

const recorded = new Set<string>();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (this: Database.Database, source: string) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  if (stack.includes(`${join('apps', 'server', 'src')}`)) recorded.add(source);
  return prepare.call(this, source);
} as typeof prepare;

const squash = (sql: string) => sql.replace(/[\s`"]+/g, ' ').trim().toLowerCase();
const migrations = readdirSync(join(__dirname, '..', 'drizzle'))
  .filter((file) => file.endsWith('.sql'))
  .map((file) => squash(readFileSync(join(__dirname, '..', 'drizzle', file), 'utf8')))
  .join(' ');

/** Table behind each name a plan may use: `FROM conversations c` is planned as `c`. */
function aliases(sql: string): Map<string, string> {
  const names = new Map<string, string>();
  const keywords = /^(where|on|join|left|inner|cross|order|group|limit|using|set|values|natural|union|as)$/i;
  for (const match of sql.matchAll(/\b(?:from|join|update|into)\s+[`"]?(\w+)[`"]?(?:\s+(?:as\s+)?[`"]?(\w+)[`"]?)?/gi)) {
    const table = match[1]!;
    names.set(table, table);
    if (match[2] && !keywords.test(match[2])) names.set(match[2], table);
  }
  return names;
}

interface Step {
  id: number;
  parent: number;
  detail: string;
}

/** EXPLAIN QUERY PLAN with every parameter NULL (the plan does not depend on the values). */
function plan(sqlite: Database.Database, sql: string): Step[] {
  const named = Object.fromEntries([...sql.matchAll(/[@:$]([A-Za-z_]\w*)/g)].map((match) => [match[1], null]));
  const statement = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  for (let positional = 0; positional <= 100; positional += 1) {
    const args: unknown[] = Array(positional).fill(null);
    if (Object.keys(named).length > 0) args.push(named);
    try {
      return statement.all(...args) as Step[];
    } catch (error) {
      if (!/parameter/i.test((error as Error).message)) throw error;
    }
  }
  throw new Error(`could not bind the parameters of: ${sql}`);
}

/**
 * What in a plan reads a growing table whole: a SCAN of it, unless an index gives the order, nothing is
 * sorted after it and LIMIT stops the walk. (A sort after a SEARCH is fine when the searched range stays
 * small, like one shopper's chats or the live ones; the Closed view, whose range grows, is checked below.)
 */
function wholeReads(sql: string, steps: Step[]): string[] {
  const tables = aliases(sql);
  // A foreign key's check is planned under the other table's own name (`SCAN mail_outbox`).
  const growing = (name: string) => GROWING.has(tables.get(name) ?? name);
  const sorted = steps.some((step) => step.parent === 0 && step.detail.startsWith('USE TEMP B-TREE FOR'));
  const limited = /\blimit\s+(\?|@\w+|\d+)\s*$/i.test(sql.trim());
  return steps
    .map((step) => ({ step, scan: /^SCAN (\S+)( USING (COVERING )?INDEX)?/.exec(step.detail) }))
    .filter(({ scan }) => scan && growing(scan[1]!) && !(scan[2] && limited && !sorted))
    .map(({ step }) => step.detail);
}

describe('query plans', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
    await a_day_of_work(server);
  });
  afterAll(async () => {
    Database.prototype.prepare = prepare;
    await server.stop();
  });

  it('records what the server ran (sanity: a day of work prepares many statements)', () => {
    expect(recorded.size).toBeGreaterThan(60);
  });

  it('reads no growing table whole while serving', () => {
    const offenders: string[] = [];
    for (const sql of recorded) {
      if (!/^\s*(select|insert|update|delete|with)\b/i.test(sql) || migrations.includes(squash(sql))) continue;
      if (ALLOWED.some(({ pattern }) => pattern.test(sql.trim()))) continue;
      for (const read of wholeReads(sql, plan(server.app.store.sqlite, sql))) {
        offenders.push(`${read}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 240)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  // Views whose range grows with the store's history: closed chats, and offline ones nobody has handled yet.
  it.each([
    ['Closed', "c.status = 'closed'", 'ORDER BY c.closed_at DESC'],
    ['Offline', "c.status = 'offline'", 'ORDER BY c.last_activity_at DESC'],
  ])('lists the %s view newest first off an index, without sorting all of its chats', (_view, where, order) => {
    const view = [...recorded].filter((sql) => sql.includes(`WHERE ${where}`) && sql.includes(order));
    expect(view.length).toBeGreaterThan(0);
    for (const sql of view) {
      const steps = plan(server.app.store.sqlite, sql);
      expect(steps.filter((step) => step.parent === 0).map((step) => step.detail)).not.toContainEqual(expect.stringMatching(/^USE TEMP B-TREE/));
    }
  });
});

/** Shoppers chat, agents answer, tag, search and browse every view; the store erases one shopper and applies retention. */
async function a_day_of_work(server: TestServer): Promise<void> {
  const { cookie: admin } = await server.newAgent({ role: 'admin', name: 'Ana' });
  const get = (path: string) => server.request('GET', path, undefined, { cookie: admin });
  const agent = await server.connectAgent(admin);

  const shopper = await server.connectVisitor();
  shopper.socket.send({ type: 'message.send', clientId: 'v1', text: 'Do you ship boots to Oslo?', page: { url: 'https://shop.example/boots', title: 'Boots' } });
  const { conversationId } = await shopper.socket.next('message.ack');
  await agent.next('conversation.assigned');
  agent.send({ type: 'message.send', clientId: 'a1', conversationId, text: 'Yes, in three days.' });
  await agent.next('message.ack');
  agent.send({ type: 'message.send', clientId: 'n1', conversationId, text: 'regular customer', internal: true });
  await agent.next('message.ack');
  agent.send({ type: 'delivered.mark', conversationId, seq: 1 });
  agent.send({ type: 'read.mark', conversationId, seq: 1 });
  shopper.socket.send({ type: 'read.mark', conversationId, seq: 2 });
  await server.request('POST', `/api/v1/console/conversations/${conversationId}/tags`, { tag: 'shipping' }, { cookie: admin });
  agent.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
  await agent.next('conversation.replayed');

  // A shopper who comes back on another page picks up where they were.
  shopper.socket.close();
  const back = await server.connectVisitor(shopper.token);
  back.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
  await back.socket.next('conversation.replayed');

  for (const view of ['waiting', 'mine', 'open', 'closed', 'offline']) {
    await get(`/api/v1/console/conversations?view=${view}`);
    await get(`/api/v1/console/conversations?view=${view}&tag=shipping`);
  }
  for (const path of ['tags', 'agents', 'canned-responses', 'mail', 'mail/status', 'privacy', 'settings', 'fallback-settings', 'faq', 'identity', 'preferences']) {
    await get(`/api/v1/console/${path}`);
  }
  await get(`/api/v1/console/conversations/${conversationId}`);
  await get('/api/v1/console/search?q=boots');
  await get('/api/v1/console/search?q=ship%20oslo');
  const site = server.siteKey;
  for (const path of [`/api/v1/sites/${site}/availability`, `/api/v1/sites/${site}/faq?q=shipping`, `/api/v1/sites/${site}/settings`]) {
    await server.request('GET', path, undefined, { origin: 'https://shop.example' });
  }

  agent.send({ type: 'conversation.close', conversationId, ref: 'close' });
  await agent.next('ok', (frame) => frame.ref === 'close');
  back.socket.send({ type: 'conversation.rate', conversationId, score: 5, comment: 'quick' });
  await get('/api/v1/console/conversations?view=closed');
  await server.request('POST', `/api/v1/console/conversations/${conversationId}/reopen`, {}, { cookie: admin });

  // Nobody online: a second shopper leaves their email through the offline form.
  agent.close();
  const late = await server.connectVisitor();
  late.socket.send({ type: 'message.send', clientId: 'l1', text: 'Are the boots waterproof?' });
  await late.socket.next('message.ack');
  const form = { clientId: 'f1', name: 'Kim', email: 'kim@shop.example', message: 'Please write back.', elapsedMs: 9_000 };
  await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${late.token}` });
  await get('/api/v1/console/conversations?view=offline');

  await get(`/api/v1/console/visitors/${late.visitorId}/export`);
  await server.request('DELETE', `/api/v1/console/visitors/${late.visitorId}`, undefined, { cookie: admin });
  await server.request('PUT', '/api/v1/console/privacy', { retentionDays: 30 }, { cookie: admin });
  applyRetention(server.app.store, Date.now() + 60 * 24 * 60 * 60 * 1000);
  // What runs on timers all day: the fallback's timeout sweep and the mail outbox's delivery.
  server.app.fallback.sweep();
  await server.app.mail.processDue();
  await server.app.chat.commits.drain();
}
