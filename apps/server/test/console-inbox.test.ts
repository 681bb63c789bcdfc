import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX_COUNT_CAP } from '@parley/protocol';
import { SEARCH_CANDIDATES } from '../src/console-api/search-routes';
import { TestServer } from './support/test-server';
import type { TestSocket } from './support/test-socket';

let counter = 0;
const nextId = () => `c${++counter}`;

describe('console inbox, conversations and tags', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  /** A shopper writes; returns their socket and the new conversation's id. */
  const shopperWrites = async (text: string, socket?: TestSocket) => {
    const visitor = socket ? { socket } : await server.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: nextId(), text });
    const ack = await visitor.socket.next('message.ack');
    return { socket: visitor.socket, conversationId: ack.conversationId };
  };
  const inbox = (cookie: string, query: string) =>
    server.request('GET', `/api/v1/console/conversations?${query}`, undefined, { cookie });

  it('counts up to the cap, and lists the newest closed chats of a big store first', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const { conversationId } = await shopperWrites('Where is my order?');
    const closed = server.app.store.sqlite.prepare(
      "INSERT INTO conversations (id, site_id, visitor_id, status, created_at, closed_at) SELECT ?, site_id, visitor_id, 'closed', ?, ? FROM conversations WHERE id = ?",
    );
    server.app.store.sqlite.transaction(() => {
      for (let i = 0; i < INBOX_COUNT_CAP + 5; i += 1) closed.run(`old${i}`, i, i, conversationId);
    })();
    const { body } = await inbox(cookie, 'view=closed');
    expect(body.counts).toMatchObject({ waiting: 1, closed: INBOX_COUNT_CAP });
    expect(body.conversations[0].conversation.id).toBe(`old${INBOX_COUNT_CAP + 4}`);
    expect(body.conversations).toHaveLength(200);
  });

  it('lists waiting conversations longest-waiting first with anonymous names, last message, unread and counts', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const first = await shopperWrites('Where is my order?');
    const second = await shopperWrites('Do you ship to Norway?');
    await shopperWrites('And to Sweden?', second.socket);

    const waiting = await inbox(cookie, 'view=waiting');
    expect(waiting.status).toBe(200);
    expect(waiting.body.counts).toEqual({ waiting: 2, mine: 0, open: 0, closed: 0, offline: 0, unreadMine: 0 });
    const rows = waiting.body.conversations;
    expect(rows.map((row: any) => row.conversation.id)).toEqual([first.conversationId, second.conversationId]);
    // Nobody is online, so the FAQ bot ran; its "no match" note is for the transcript, not the preview.
    expect(rows[1]).toMatchObject({ lastMessage: { text: 'And to Sweden?', authorType: 'visitor' }, unread: 2, tags: [] });
    expect(rows[0].unread).toBe(1);
    expect(rows[0].visitor.displayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(rows[0].queuedAt).toEqual(expect.any(Number));
    expect((await inbox(cookie, 'view=bogus')).body.error.code).toBe('invalid_body');
  });

  it('lists messages left through the offline form in the offline view, with the email, until an agent accepts', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const visitor = await server.connectVisitor();
    const { conversationId } = await shopperWrites('Do you restock size 44?', visitor.socket);
    await shopperWrites('Anyone there?');
    // Signed in on the shop under another address: replies go where the form says, and the inbox says so.
    server.app.store.sqlite.prepare("UPDATE visitors SET email = 'kim.lee@example.com' WHERE id = ?").run(visitor.visitorId);
    const form = { clientId: 'form-1', name: 'Kim', email: 'kim@shop.example', message: 'Tell me when 44 is back.', elapsedMs: 9000 };
    const sent = await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${visitor.token}` });
    expect(sent.status).toBe(202);

    const offline = await inbox(cookie, 'view=offline');
    expect(offline.status).toBe(200);
    expect(offline.body.counts).toMatchObject({ waiting: 1, offline: 1 });
    expect(offline.body.conversations).toHaveLength(1);
    expect(offline.body.conversations[0]).toMatchObject({
      conversation: { id: conversationId, status: 'offline', offlineEmail: 'kim@shop.example' },
      visitor: { email: 'kim.lee@example.com' },
      lastMessage: { text: 'Tell me when 44 is back.' },
    });
    expect((await inbox(cookie, 'view=waiting')).body.conversations.map((row: any) => row.conversation.id)).not.toContain(conversationId);

    const agent = await server.connectAgent(cookie);
    agent.send({ type: 'conversation.accept', conversationId, ref: 'acc' });
    await agent.next('ok', (frame) => frame.ref === 'acc');
    const after = await inbox(cookie, 'view=offline');
    expect(after.body).toMatchObject({ conversations: [], counts: { offline: 0 } });
    expect((await inbox(cookie, 'view=mine')).body.conversations.map((row: any) => row.conversation.id)).toContain(conversationId);
  });

  const tick = () => new Promise((resolve) => setTimeout(resolve, 5)); // a later millisecond
  const order = async (cookie: string, view: string) =>
    (await inbox(cookie, `view=${view}`)).body.conversations.map((row: any) => row.conversation.id);

  it('lists live chats by latest activity: a shopper writing again moves theirs to the top of Open and Mine', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const agent = await server.connectAgent(cookie);
    const first = await shopperWrites('Do these come in brown?');
    await agent.next('conversation.assigned');
    await tick();
    const second = await shopperWrites('Is the sale on in the shop too?');
    await agent.next('conversation.assigned');
    expect(await order(cookie, 'open')).toEqual([second.conversationId, first.conversationId]);
    await tick();
    await shopperWrites('And in a size 9?', first.socket);
    expect(await order(cookie, 'open')).toEqual([first.conversationId, second.conversationId]);
    expect(await order(cookie, 'mine')).toEqual([first.conversationId, second.conversationId]);
  });

  it('lists offline chats by latest activity: a shopper writing again moves theirs to the top', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const leave = async (message: string) => {
      const visitor = await server.connectVisitor();
      const { conversationId } = await shopperWrites(message, visitor.socket);
      const form = { clientId: nextId(), name: 'Kim', email: 'kim@shop.example', message, elapsedMs: 9000 };
      expect((await server.request('POST', '/api/v1/visitor/offline', form, { authorization: `Bearer ${visitor.token}` })).status).toBe(202);
      await tick();
      return { socket: visitor.socket, conversationId };
    };
    const first = await leave('Do you restock size 44?');
    const second = await leave('Can I pick up in Leeds?');
    expect(await order(cookie, 'offline')).toEqual([second.conversationId, first.conversationId]);
    await shopperWrites('Any news on the 44s?', first.socket);
    expect(await order(cookie, 'offline')).toEqual([first.conversationId, second.conversationId]);
  });

  it('moves a conversation to Mine on accept, filters by tag, and reopens a closed one', async () => {
    const { cookie, agentId } = await server.newAgent({ role: 'agent' });
    const agent = await server.connectAgent(cookie);
    await agent.send({ type: 'agent.status', status: 'away', ref: 'away' });
    await agent.next('ok');
    const a = await shopperWrites('My parcel never arrived');
    const b = await shopperWrites('I want to return shoes');
    agent.send({ type: 'conversation.accept', conversationId: a.conversationId, ref: 'acc' });
    await agent.next('ok', (frame) => frame.ref === 'acc');

    const mine = await inbox(cookie, 'view=mine');
    expect(mine.body.conversations.map((row: any) => row.conversation.id)).toEqual([a.conversationId]);
    expect(mine.body.conversations[0].conversation.assignee.id).toBe(agentId);
    expect(mine.body.counts).toMatchObject({ waiting: 1, mine: 1, open: 1, unreadMine: 1 });
    agent.send({ type: 'read.mark', conversationId: a.conversationId, seq: 1, ref: 'read' });
    await agent.next('ok', (frame) => frame.ref === 'read');
    expect((await inbox(cookie, 'view=mine')).body).toMatchObject({ counts: { unreadMine: 0 }, conversations: [{ unread: 0 }] });

    const tagged = await server.request('POST', `/api/v1/console/conversations/${b.conversationId}/tags`, { tag: ' Returns ' }, { cookie });
    expect(tagged.body.tags).toEqual(['returns']);
    await server.request('POST', `/api/v1/console/conversations/${a.conversationId}/tags`, { tag: 'shipping' }, { cookie });
    const filtered = await inbox(cookie, 'view=waiting&tag=returns');
    expect(filtered.body.conversations.map((row: any) => row.conversation.id)).toEqual([b.conversationId]);
    expect(filtered.body.tags).toEqual(['returns', 'shipping']);
    expect((await server.request('GET', '/api/v1/console/tags', undefined, { cookie })).body).toEqual({ tags: ['returns', 'shipping'] });
    const badTag = await server.request('POST', `/api/v1/console/conversations/${b.conversationId}/tags`, { tag: '<script>' }, { cookie });
    expect(badTag.body.error.code).toBe('invalid_body');
    expect((await inbox(cookie, 'view=open&tag=returns')).body.conversations).toEqual([]);
    // A tag on two conversations is listed once.
    await server.request('POST', `/api/v1/console/conversations/${a.conversationId}/tags`, { tag: 'returns' }, { cookie });
    expect((await server.request('GET', '/api/v1/console/tags', undefined, { cookie })).body).toEqual({ tags: ['returns', 'shipping'] });
    const removed = await server.request('DELETE', `/api/v1/console/conversations/${b.conversationId}/tags/returns`, undefined, { cookie });
    expect(removed.body.tags).toEqual([]);
    await server.request('DELETE', `/api/v1/console/conversations/${a.conversationId}/tags/returns`, undefined, { cookie });
    expect((await server.request('GET', '/api/v1/console/tags', undefined, { cookie })).body).toEqual({ tags: ['shipping'] });

    agent.send({ type: 'conversation.close', conversationId: a.conversationId, ref: 'close' });
    await agent.next('ok', (frame) => frame.ref === 'close');
    expect((await inbox(cookie, 'view=closed')).body.conversations[0].conversation.id).toBe(a.conversationId);
    const reopened = await server.request('POST', `/api/v1/console/conversations/${a.conversationId}/reopen`, {}, { cookie });
    expect(reopened.body.conversation).toMatchObject({ status: 'open', assignee: { id: agentId }, closedAt: null });
    const event = await agent.next('conversation.assigned', (frame) => frame.conversation.id === a.conversationId && frame.conversation.status === 'open');
    expect(event.conversation.assignee?.id).toBe(agentId);
    const again = await server.request('POST', `/api/v1/console/conversations/${a.conversationId}/reopen`, {}, { cookie });
    expect(again.body.error.code).toBe('conversation_not_closed');
  });

  it('shows a conversation with its notes, the shopper profile and their earlier conversations', async () => {
    const { cookie } = await server.newAgent({ role: 'admin' });
    const agent = await server.connectAgent(cookie);
    const first = await shopperWrites('First question');
    agent.send({ type: 'conversation.close', conversationId: first.conversationId, ref: 'x' });
    await agent.next('ok');
    const second = await shopperWrites('Second question', first.socket);
    agent.send({ type: 'message.send', clientId: 'note-1', conversationId: second.conversationId, text: 'VIP customer', internal: true });
    await agent.next('message.ack');

    const detail = await server.request('GET', `/api/v1/console/conversations/${second.conversationId}`, undefined, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.body.messages.map((m: any) => [m.text, m.internal])).toEqual([['Second question', false], ['VIP customer', true]]);
    expect(detail.body.visitor.id).toBe(detail.body.summary.visitor.id);
    expect(detail.body.site.name).toBe('My store');
    expect(detail.body.history.map((row: any) => row.conversation.id)).toEqual([first.conversationId]);
    const reopen = await server.request('POST', `/api/v1/console/conversations/${first.conversationId}/reopen`, {}, { cookie });
    expect(reopen.body.error.code).toBe('newer_conversation_open');
    expect((await server.request('GET', '/api/v1/console/conversations/missing', undefined, { cookie })).status).toBe(404);
  });

  it('never sends an internal note to the shopper, live or on resume', async () => {
    const { cookie } = await server.newAgent({ role: 'admin' });
    const agent = await server.connectAgent(cookie);
    const { socket, conversationId } = await shopperWrites('Hello?');
    agent.send({ type: 'message.send', clientId: 'n1', conversationId, text: 'secret note about fraud', internal: true });
    await agent.next('message.ack');
    agent.send({ type: 'message.send', clientId: 'r1', conversationId, text: 'Hi, how can I help?' });
    await agent.next('message.ack');
    await socket.next('message.created', (frame) => frame.message.text === 'Hi, how can I help?');
    socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0, ref: 'resume' });
    await socket.next('conversation.replayed');
    const texts = socket.received.flatMap((frame) => (frame.type === 'message.created' ? [frame.message.text] : []));
    expect(texts).toContain('Hi, how can I help?');
    expect(JSON.stringify(socket.received)).not.toContain('secret note');
  });

  it('finds messages by a stemmed word, with the hit marked, and treats search syntax as text', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    const { conversationId } = await shopperWrites('My boots were shipped last week but nothing came');
    await shopperWrites('Do you have red scarves?');
    const found = await server.request('GET', '/api/v1/console/search?q=shipping', undefined, { cookie });
    expect(found.body.hits).toHaveLength(1);
    expect(found.body.hits[0]).toMatchObject({ conversationId, seq: 1, internal: false });
    expect(found.body.hits[0].snippet).toContain('\u0002shipped\u0003');
    expect((await server.request('GET', '/api/v1/console/search?q=umbrella', undefined, { cookie })).body.hits).toEqual([]);
    const syntax = await server.request('GET', `/api/v1/console/search?q=${encodeURIComponent('"boots*( ')}`, undefined, { cookie });
    expect(syntax.status).toBe(200);
    expect(syntax.body.hits).toHaveLength(1);
  });

  it('lists the newest matches of a word too common to rank, and still ranks a rare word', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    // The best match by relevance (short, the word twice), but older than all the others.
    const old = await shopperWrites('Parcel? Azure parcel!');
    const busy = await shopperWrites('Where is my parcel?');
    // As many newer messages with the common word as search ranks, straight into the store.
    const sqlite = server.app.store.sqlite;
    const insert = sqlite.prepare(
      `INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, body, internal, created_at)
       VALUES (?, ?, ?, ?, 'visitor', 'bulk', ?, 0, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 0; i < SEARCH_CANDIDATES; i += 1) insert.run(`bulk${i}`, busy.conversationId, 100 + i, `bulk${i}`, `a question about the parcel I ordered, number ${i}`, Date.now());
    })();
    const common = await server.request('GET', '/api/v1/console/search?q=parcel', undefined, { cookie });
    expect(common.status).toBe(200);
    expect(common.body.hits).toHaveLength(50);
    expect(common.body.hits.map((hit: any) => hit.conversationId)).not.toContain(old.conversationId);
    expect(common.body.hits.map((hit: any) => hit.seq).slice(0, 2)).toEqual([99 + SEARCH_CANDIDATES, 98 + SEARCH_CANDIDATES]);
    const rare = await server.request('GET', '/api/v1/console/search?q=azure', undefined, { cookie });
    expect(rare.body.hits.map((hit: any) => hit.conversationId)).toEqual([old.conversationId]);
  });
});

