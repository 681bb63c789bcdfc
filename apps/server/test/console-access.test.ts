import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import { TestSocket } from './support/test-socket';

/** Every console endpoint, with a body that would pass validation. */
const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', '/api/v1/console/conversations?view=waiting'],
  ['GET', '/api/v1/console/conversations/nope'],
  ['POST', '/api/v1/console/conversations/nope/reopen', {}],
  ['GET', '/api/v1/console/tags'],
  ['POST', '/api/v1/console/conversations/nope/tags', { tag: 'returns' }],
  ['DELETE', '/api/v1/console/conversations/nope/tags/returns'],
  ['GET', '/api/v1/console/canned-responses'],
  ['POST', '/api/v1/console/canned-responses', { shortcut: 'hi', title: 'Hi', body: 'Hello' }],
  ['PUT', '/api/v1/console/canned-responses/x', { shortcut: 'hi', title: 'Hi', body: 'Hello' }],
  ['DELETE', '/api/v1/console/canned-responses/x'],
  ['GET', '/api/v1/console/search?q=shipping'],
  ['GET', '/api/v1/console/agents'],
  ['POST', '/api/v1/console/agents', { name: 'Bo', email: 'bo@x.example', role: 'agent', password: 'long enough' }],
  ['PATCH', '/api/v1/console/agents/x', { capacity: 3 }],
  ['POST', '/api/v1/console/agents/x/password', { password: 'long enough' }],
  ['POST', '/api/v1/console/me/password', { currentPassword: 'a', newPassword: 'long enough' }],
  ['GET', '/api/v1/console/settings'],
  ['PUT', '/api/v1/console/settings', {}],
  ['GET', '/api/v1/console/preferences'],
  ['PUT', '/api/v1/console/preferences', { desktopNotifications: false, sound: true, unreadInTitle: true }],
];
const ADMIN_ONLY = ENDPOINTS.filter(([method, path]) =>
  /\/agents|\/settings/.test(path) || (path.includes('canned-responses') && method !== 'GET'),
);

describe('console API access', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('answers no endpoint without a session', async () => {
    for (const [method, path, body] of ENDPOINTS) {
      const response = await server.request(method, path, body);
      expect({ method, path, status: response.status, code: response.body?.error?.code }).toEqual({
        method, path, status: 401, code: 'session_required',
      });
    }
  });

  it('keeps admin endpoints from agents', async () => {
    const { cookie } = await server.newAgent({ role: 'agent' });
    for (const [method, path, body] of ADMIN_ONLY) {
      const response = await server.request(method, path, body, { cookie });
      expect({ method, path, status: response.status, code: response.body?.error?.code }).toEqual({
        method, path, status: 403, code: 'forbidden',
      });
    }
    expect((await server.request('GET', '/api/v1/console/canned-responses', undefined, { cookie })).status).toBe(200);
  });

  it('refuses state-changing calls from a foreign origin even with a session', async () => {
    const { cookie } = await server.newAgent({ role: 'admin' });
    for (const [method, path, body] of ENDPOINTS.filter(([method]) => method !== 'GET')) {
      const response = await server.request(method, path, body, { cookie, origin: 'https://evil.example' });
      expect({ path, status: response.status, code: response.body?.error?.code }).toEqual({ path, status: 403, code: 'origin_not_allowed' });
    }
    const created = await server.request('GET', '/api/v1/console/canned-responses', undefined, { cookie });
    expect(created.body.cannedResponses).toEqual([]);
  });
});

describe('agents admin and passwords', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  const login = async (email: string, password: string) => {
    const response = await server.request('POST', '/api/v1/auth/login', { email, password });
    return { status: response.status, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]! };
  };

  it('lets an admin add, edit and disable an agent; the disabled agent is logged out and cannot log in', async () => {
    const admin = await server.newAgent({ role: 'admin', name: 'Ana' });
    const created = await server.request('POST', '/api/v1/console/agents',
      { name: 'Bo', email: 'Bo@Shop.example', role: 'agent', capacity: 2, password: 'bo password 1' }, { cookie: admin.cookie });
    expect(created).toMatchObject({ status: 201, body: { name: 'Bo', email: 'bo@shop.example', capacity: 2, disabled: false } });
    const duplicate = await server.request('POST', '/api/v1/console/agents',
      { name: 'Bo2', email: 'bo@shop.example', role: 'agent', password: 'bo password 1' }, { cookie: admin.cookie });
    expect(duplicate.body.error.code).toBe('email_taken');

    const bo = await login('bo@shop.example', 'bo password 1');
    expect(bo.status).toBe(200);
    const socket = await server.connectAgent(bo.cookie);

    const edited = await server.request('PATCH', `/api/v1/console/agents/${created.body.id}`, { capacity: 4, name: 'Bob' }, { cookie: admin.cookie });
    expect(edited.body).toMatchObject({ name: 'Bob', capacity: 4 });
    const taken = await server.request('PATCH', `/api/v1/console/agents/${created.body.id}`, { email: (await server.request('GET', '/api/v1/me', undefined, { cookie: admin.cookie })).body.agent.email }, { cookie: admin.cookie });
    expect(taken.body.error.code).toBe('email_taken');
    const disabled = await server.request('PATCH', `/api/v1/console/agents/${created.body.id}`, { disabled: true }, { cookie: admin.cookie });
    expect(disabled.body.disabled).toBe(true);
    expect((await socket.closed).code).toBe(4403);
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie: bo.cookie })).status).toBe(401);
    expect((await login('bo@shop.example', 'bo password 1')).status).toBe(401);

    const list = await server.request('GET', '/api/v1/console/agents', undefined, { cookie: admin.cookie });
    expect(list.body.agents.map((agent: { name: string; disabled: boolean }) => [agent.name, agent.disabled])).toEqual([['Ana', false], ['Bob', true]]);
    const self = await server.request('PATCH', `/api/v1/console/agents/${admin.agentId}`, { disabled: true }, { cookie: admin.cookie });
    expect(self.body.error.code).toBe('cannot_change_self');
  });

  it('puts a disabled agent\'s open conversations back in the queue for the others', async () => {
    const admin = await server.newAgent({ role: 'admin', name: 'Ana' });
    const adminSocket = await server.connectAgent(admin.cookie);
    adminSocket.send({ type: 'agent.status', status: 'away', ref: 'away' });
    await adminSocket.next('ok');
    const bo = await server.newAgent({ role: 'agent', name: 'Bo' });
    const boSocket = await server.connectAgent(bo.cookie);
    const visitor = await server.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: 'q1', text: 'Hello?' });
    const { conversationId } = await visitor.socket.next('message.ack');
    await adminSocket.next('conversation.assigned', (frame) => frame.conversation.assignee?.id === bo.agentId);

    await server.request('PATCH', `/api/v1/console/agents/${bo.agentId}`, { disabled: true }, { cookie: admin.cookie });
    await boSocket.closed;
    const queued = await adminSocket.next('conversation.queued', (frame) => frame.conversation.id === conversationId);
    expect(queued.conversation).toMatchObject({ status: 'queued', assignee: null });
    const waiting = await server.request('GET', '/api/v1/console/conversations?view=waiting', undefined, { cookie: admin.cookie });
    expect(waiting.body.conversations.map((row: any) => row.conversation.id)).toEqual([conversationId]);
  });

  it("applies a change to an agent on their open socket at once: a demoted admin loses admin rights, a new name shows on the next reply", async () => {
    const ana = await server.newAgent({ role: 'admin', name: 'Ana' });
    const cy = await server.newAgent({ role: 'admin', name: 'Cy' });
    const anaSocket = await server.connectAgent(ana.cookie);
    const cySocket = await server.connectAgent(cy.cookie);
    const visitor = await server.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: 'q1', text: 'Hello?' });
    const { conversationId } = await visitor.socket.next('message.ack');
    const assigned = await cySocket.next('conversation.assigned');
    const other = assigned.conversation.assignee?.id === ana.agentId
      ? { socket: cySocket, agent: cy, admin: ana, assigneeSocket: anaSocket }
      : { socket: anaSocket, agent: ana, admin: cy, assigneeSocket: cySocket };
    // An admin may answer a chat that is someone else's...
    other.socket.send({ type: 'message.send', clientId: 'r1', conversationId, text: 'An admin steps in.' });
    expect(await other.socket.next('message.ack')).toMatchObject({ duplicate: false });
    // ...and once demoted, on the same socket, no longer.
    await server.request('PATCH', `/api/v1/console/agents/${other.agent.agentId}`, { role: 'agent', name: 'Renamed' }, { cookie: other.admin.cookie });
    other.socket.send({ type: 'message.send', clientId: 'r2', conversationId, text: 'Still here?' });
    expect(await other.socket.next('error')).toMatchObject({ code: 'not_assigned_to_you' });
    // A note is anyone's to write, and carries the name they have now.
    other.socket.send({ type: 'message.send', clientId: 'n1', conversationId, text: 'for the team', internal: true });
    await other.socket.next('message.ack');
    const note = await other.assigneeSocket.next('message.created', (frame) => frame.message.clientId === 'n1');
    expect(note.message.author.name).toBe('Renamed');
  });

  it('changing your password ends your other sessions and closes their sockets, but keeps this one', async () => {
    const admin = await server.newAgent({ role: 'admin' });
    await server.request('POST', '/api/v1/console/agents',
      { name: 'Cy', email: 'cy@shop.example', role: 'agent', password: 'first password' }, { cookie: admin.cookie });
    const laptop = await login('cy@shop.example', 'first password');
    const tablet = await login('cy@shop.example', 'first password');
    const laptopSocket = await server.connectAgent(laptop.cookie);
    const tabletSocket = await server.connectAgent(tablet.cookie);

    const wrong = await server.request('POST', '/api/v1/console/me/password',
      { currentPassword: 'not it', newPassword: 'second password' }, { cookie: laptop.cookie });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'wrong_password' } } });

    const changed = await server.request('POST', '/api/v1/console/me/password',
      { currentPassword: 'first password', newPassword: 'second password' }, { cookie: laptop.cookie });
    expect(changed.status).toBe(204);
    expect((await tabletSocket.closed).code).toBe(4403);
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie: tablet.cookie })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie: laptop.cookie })).status).toBe(200);
    await laptopSocket.flush();
    expect((await login('cy@shop.example', 'first password')).status).toBe(401);
    expect((await login('cy@shop.example', 'second password')).status).toBe(200);
    await expect(TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { origin: server.origin, cookie: tablet.cookie })).rejects.toThrow(/401/);
  });

  it('lets an admin reset a password, logging the agent out everywhere', async () => {
    const admin = await server.newAgent({ role: 'admin' });
    const agent = await server.newAgent({ role: 'agent', name: 'Di' });
    const socket = await server.connectAgent(agent.cookie);
    const reset = await server.request('POST', `/api/v1/console/agents/${agent.agentId}/password`, { password: 'brand new pass' }, { cookie: admin.cookie });
    expect(reset.status).toBe(204);
    expect((await socket.closed).code).toBe(4403);
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie: agent.cookie })).status).toBe(401);
  });
});
