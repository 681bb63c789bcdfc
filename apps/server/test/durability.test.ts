/**
 * Nothing is shown or acknowledged before it is on disk, and the disk never holds the event loop.
 * A message is visible to reads from its commit, a moment before its fsync ends: the console's REST reads
 * answer only once what they read is durable, like a resume, so an agent is never shown a message that a
 * crash in that moment would lose (and whose seq the next message would then take). Closing a chat,
 * routing the queue, an agent's status, accept and transfer, what the widget says on each page load, and an
 * agent signing in or out go through the group commit like messages: acknowledged and announced once durable.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TestServer } from './support/test-server';
import { until } from './support/until';

/** Holds every fdatasync (the log's and the database file's) while `held`, as a stalled disk would. */
const disk = vi.hoisted(() => ({ held: false, waiting: [] as Array<() => void> }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fdatasync = (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
    if (disk.held) disk.waiting.push(() => fs.fdatasync(fd, done));
    else fs.fdatasync(fd, done);
  };
  return { ...fs, fdatasync, default: { ...fs, fdatasync } };
});

function release(): void {
  disk.held = false;
  for (const sync of disk.waiting.splice(0)) sync();
}

describe('durability before anything is shown', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => {
    release();
    await server.stop();
  });

  it('answers a transcript only once the messages it shows are on disk', async () => {
    const { cookie, visitor, conversationId } = await server.assignedChat('Hello');

    disk.held = true;
    visitor.socket.send({ type: 'message.send', clientId: 'v-2', text: 'Do these boots come in 9 wide?' });
    const committed = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'v-2'");
    await until(() => (committed.get() as { n: number }).n === 1); // committed, its fsync held
    let answered = false;
    const detail = server.request('GET', `/api/v1/console/conversations/${conversationId}`, undefined, { cookie }).then((response) => {
      answered = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);

    release();
    const response = await detail;
    expect(response.status).toBe(200);
    const texts = (response.body as { messages: Array<{ text: string }> }).messages.map((message) => message.text);
    expect(texts).toEqual(['Hello', 'Do these boots come in 9 wide?']);
    expect((await visitor.socket.next('message.ack')).clientId).toBe('v-2');
  });

  it('shuts down promptly when an answer was waiting for the disk as closing began (its keep-alive connection is not left open)', async () => {
    const { cookie, visitor, conversationId } = await server.assignedChat('Hello');
    disk.held = true;
    visitor.socket.send({ type: 'message.send', clientId: 'v-2', text: 'Still there?' });
    const committed = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'v-2'");
    await until(() => (committed.get() as { n: number }).n === 1);
    const detail = server.request('GET', `/api/v1/console/conversations/${conversationId}`, undefined, { cookie });
    await new Promise((resolve) => setTimeout(resolve, 200)); // the answer now waits for the disk
    let closed = false;
    const closing = server.app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    expect((await detail).status).toBe(200);
    // Before, the answer kept its connection alive and closing waited for the client to hang up (a minute).
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 5000))]);
    expect(closed).toBe(true);
  });

  it('acknowledges a close and tells the shopper only once it is on disk, and the freed agent takes the next shopper', async () => {
    const { agent, visitor: first, conversationId } = await server.assignedChat('Is the blue one back in stock?', { name: 'Ana', capacity: 1 });
    const second = await server.connectVisitor();
    second.socket.send({ type: 'message.send', clientId: 's-1', text: 'Hello?' });
    await second.socket.next('conversation.queued');

    disk.held = true;
    agent.send({ type: 'conversation.close', conversationId, ref: 'close-1' });
    const closed = server.app.store.sqlite.prepare("SELECT status FROM conversations WHERE id = ?");
    await until(() => (closed.get(conversationId) as { status: string }).status === 'closed'); // committed, its fsync held
    agent.send({ type: 'ping', ref: 'still-there' });
    await agent.next('pong', (frame) => frame.ref === 'still-there'); // the server goes on meanwhile
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.received.some((frame) => frame.type === 'ok' && frame.ref === 'close-1')).toBe(false);
    expect(first.socket.received.some((frame) => frame.type === 'conversation.closed')).toBe(false);

    release();
    await agent.next('ok', (frame) => frame.ref === 'close-1');
    expect((await first.socket.next('conversation.closed')).conversation.status).toBe('closed');
    expect((await second.socket.next('conversation.assigned')).conversation.assignee?.name).toBe('Ana');
  });

  it("stores a page load's page, identity and cart without holding the event loop, answering once on disk", async () => {
    const { agent, visitor } = await server.assignedChat('Does this come in navy?');

    disk.held = true;
    visitor.socket.send({ type: 'page.view', page: { url: 'https://shop.example/cart', title: 'Your cart' }, ref: 'page' });
    visitor.socket.send({ type: 'visitor.identify', id: 'customer-7', name: 'Kim Lee', email: 'kim@example.com', ref: 'who' });
    visitor.socket.send({ type: 'visitor.attributes', attributes: { cartItems: 2 }, ref: 'cart' });
    visitor.socket.send({ type: 'message.send', clientId: 'v-2', text: 'I added two to the cart' });
    const stored = server.app.store.sqlite.prepare("SELECT name FROM visitors WHERE external_id = 'customer-7'");
    await until(() => stored.get() !== undefined); // committed, its fsync held
    visitor.socket.send({ type: 'ping', ref: 'still-there' });
    await visitor.socket.next('pong', (frame) => frame.ref === 'still-there'); // the server goes on meanwhile
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(visitor.socket.received.filter((frame) => frame.type === 'ok')).toEqual([]);
    expect(agent.received.some((frame) => frame.type === 'visitor.updated')).toBe(false);

    release();
    for (const ref of ['page', 'who', 'cart']) await visitor.socket.next('ok', (frame) => frame.ref === ref);
    const updated = await agent.next('visitor.updated', (frame) => frame.visitor.attributes.cartItems === 2);
    expect(updated.visitor).toMatchObject({ name: 'Kim Lee', externalId: 'customer-7', pages: [{ url: 'https://shop.example/cart', title: 'Your cart' }] });
    // The message queued right behind the identify carries the name it gave.
    const message = await agent.next('message.created', (frame) => frame.message.clientId === 'v-2');
    expect(message.message.author.name).toBe('Kim Lee');
  });

  it("acknowledges an agent's status and their taking a waiting shopper only once on disk", async () => {
    const { cookie } = await server.newAgent({ name: 'Ana' });
    const agent = await server.connectAgent(cookie);
    agent.send({ type: 'agent.status', status: 'away', ref: 'away' });
    await agent.next('ok', (frame) => frame.ref === 'away');
    const { socket: visitor } = await server.connectVisitor();
    visitor.send({ type: 'message.send', clientId: 'v-1', text: 'Anyone there?' });
    const { conversationId } = await visitor.next('message.ack');
    await visitor.next('conversation.queued');

    disk.held = true;
    agent.send({ type: 'conversation.accept', conversationId, ref: 'take' });
    agent.send({ type: 'agent.status', status: 'online', ref: 'back' });
    const row = server.app.store.sqlite.prepare('SELECT assigned_agent_id AS agent FROM conversations WHERE id = ?');
    await until(() => (row.get(conversationId) as { agent: string | null }).agent !== null); // committed, its fsync held
    agent.send({ type: 'ping', ref: 'still-there' });
    await agent.next('pong', (frame) => frame.ref === 'still-there');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(agent.received.some((frame) => frame.type === 'ok' && (frame.ref === 'take' || frame.ref === 'back'))).toBe(false);
    expect(visitor.received.some((frame) => frame.type === 'conversation.assigned')).toBe(false);

    release();
    await agent.next('ok', (frame) => frame.ref === 'take');
    await agent.next('ok', (frame) => frame.ref === 'back');
    expect((await visitor.next('conversation.assigned')).conversation.assignee?.name).toBe('Ana');
  });

  it('answers a tag added in the console only once it is on disk', async () => {
    const { cookie, conversationId } = await server.assignedChat('My parcel never came');
    disk.held = true;
    let answered = false;
    const tagged = server.request('POST', `/api/v1/console/conversations/${conversationId}/tags`, { tag: 'shipping' }, { cookie }).then((response) => {
      answered = true;
      return response;
    });
    const row = server.app.store.sqlite.prepare('SELECT count(*) AS n FROM conversation_tags WHERE conversation_id = ?');
    await until(() => (row.get(conversationId) as { n: number }).n === 1); // committed, its fsync held
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    release();
    expect((await tagged).body).toEqual({ tags: ['shipping'] });
  });

  it('signs an agent in and out only once on disk, while the server goes on', async () => {
    const { cookie: admin } = await server.newAgent({ name: 'Owner', role: 'admin' });
    const created = await server.request('POST', '/api/v1/console/agents', { name: 'Bo', email: 'bo@shop.example', password: 'a long password', role: 'agent' }, { cookie: admin });
    expect(created.status).toBe(201);
    const sessions = server.app.store.sqlite.prepare('SELECT count(*) AS n FROM agent_sessions');
    const before = (sessions.get() as { n: number }).n;

    disk.held = true;
    let answered = false;
    const login = server.request('POST', '/api/v1/auth/login', { email: 'bo@shop.example', password: 'a long password' }).then((response) => {
      answered = true;
      return response;
    });
    await until(() => (sessions.get() as { n: number }).n === before + 1); // committed, its fsync held
    expect((await server.request('GET', '/healthz')).status).toBe(200); // the server goes on meanwhile
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);
    release();
    const response = await login;
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^parley_session=/);
    const session = cookie.split(';')[0]!;

    disk.held = true;
    let out = false;
    const logout = server.request('POST', '/api/v1/auth/logout', undefined, { cookie: session }).then((done) => {
      out = true;
      return done;
    });
    await until(() => (sessions.get() as { n: number }).n === before); // committed, its fsync held
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(out).toBe(false);
    release();
    expect((await logout).status).toBe(204);
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie: session })).status).toBe(401);
  });

  it('shuts down promptly while a shopper waits for the disk, and still answers them first', async () => {
    disk.held = true;
    // Node's fetch keeps the connection open after the answer unless told otherwise.
    const session = fetch(`${server.origin}/api/v1/visitor/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://shop.example' },
      body: JSON.stringify({ siteKey: server.siteKey }),
    });
    const visitors = server.app.store.sqlite.prepare('SELECT count(*) AS n FROM visitors');
    await until(() => (visitors.get() as { n: number }).n === 1); // committed, its fsync held
    const stopped = server.stop({ keepData: true }).then(() => 'stopped');
    setTimeout(release, 100);
    const response = await session;
    expect(response.status).toBe(201);
    expect(response.headers.get('connection')).toBe('close');
    expect(await Promise.race([stopped, new Promise((resolve) => setTimeout(() => resolve('still closing'), 5000))])).toBe('stopped');
    server = await TestServer.start(); // for afterEach
  });

  it('answers at once when nothing is waiting for the disk', async () => {
    const { cookie } = await server.newAgent();
    disk.held = true; // nothing was committed: no read has anything to wait for
    const response = await server.request('GET', '/api/v1/console/conversations?view=open', undefined, { cookie });
    expect(response.status).toBe(200);
  });
});
