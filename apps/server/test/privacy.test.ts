import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../src/privacy/privacy';
import { TestServer } from './support/test-server';

describe("shoppers' data and identity", () => {
  let server: TestServer;
  let admin: string;
  beforeEach(async () => {
    server = await TestServer.start();
    admin = (await server.newAgent({ role: 'admin' })).cookie;
  });
  afterEach(async () => server.stop());

  async function chatWithNote() {
    const agent = await server.connectAgent(admin);
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'm1', text: 'my address is 1 Elm St' });
    const { conversationId } = await shopper.socket.next('message.ack');
    await agent.next('conversation.assigned');
    agent.send({ type: 'message.send', clientId: 'n1', conversationId, text: 'internal: VIP', internal: true });
    await agent.next('message.ack');
    return { ...shopper, conversationId, agent };
  }

  it("exports a visitor's data as JSON, without agents' internal notes", async () => {
    const { visitorId } = await chatWithNote();
    const response = await server.request('GET', `/api/v1/console/visitors/${visitorId}/export`, undefined, { cookie: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('attachment');
    expect(response.body.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual(['my address is 1 Elm St']);
    expect(JSON.stringify(response.body)).not.toContain('VIP');
  });

  it('deletes a visitor with every conversation and message', async () => {
    const { visitorId, conversationId } = await chatWithNote();
    expect((await server.request('DELETE', `/api/v1/console/visitors/${visitorId}`, undefined, { cookie: admin })).status).toBe(204);
    const count = (sql: string, ...args: unknown[]) => (server.app.store.sqlite.prepare(sql).get(...args) as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM visitors WHERE id = ?', visitorId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM conversations WHERE id = ?', conversationId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM messages WHERE conversation_id = ?', conversationId)).toBe(0);
    expect((await server.request('DELETE', `/api/v1/console/visitors/${visitorId}`, undefined, { cookie: admin })).status).toBe(404);
  });

  it('keeps export, delete and identity settings for admins', async () => {
    const { visitorId } = await chatWithNote();
    const { cookie } = await server.newAgent({ name: 'Cy' });
    expect((await server.request('GET', `/api/v1/console/visitors/${visitorId}/export`, undefined, { cookie })).status).toBe(403);
    expect((await server.request('DELETE', `/api/v1/console/visitors/${visitorId}`, undefined, { cookie })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/console/identity', undefined, { cookie })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/console/identity')).status).toBe(401);
    const foreign = await server.request('DELETE', `/api/v1/console/visitors/${visitorId}`, undefined, { cookie: admin, origin: 'https://evil.example' });
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
  });

  it('deletes closed conversations past the retention, and nothing when retention is off', async () => {
    const { conversationId, agent } = await chatWithNote();
    agent.send({ type: 'conversation.close', conversationId, ref: 'c' });
    await agent.next('ok');
    const later = Date.now() + 40 * 24 * 60 * 60 * 1000;
    expect(applyRetention(server.app.store, later)).toBe(0);
    await server.request('PUT', '/api/v1/console/privacy', { retentionDays: 30 }, { cookie: admin });
    expect(applyRetention(server.app.store, Date.now())).toBe(0);
    expect(applyRetention(server.app.store, later)).toBe(1);
    expect(server.app.conversations.get(conversationId)).toBeUndefined();
  });

  it('with verification required, refuses an identity without a valid hash (fail closed)', async () => {
    const settings = await server.request('PUT', '/api/v1/console/identity', { required: true }, { cookie: admin });
    const secret = settings.body.secret as string;
    const agent = await server.connectAgent(admin);
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'visitor.identify', id: 'cust-7', email: 'kim@shop.example', name: 'Kim', ref: 'none' });
    expect(await socket.next('error', (f) => f.ref === 'none')).toMatchObject({ code: 'identity_unverified' });
    socket.send({ type: 'visitor.identify', id: 'cust-7', email: 'kim@shop.example', userHash: 'ab'.repeat(32), ref: 'wrong' });
    expect(await socket.next('error', (f) => f.ref === 'wrong')).toMatchObject({ code: 'identity_unverified' });
    socket.send({ type: 'visitor.identify', email: 'mallory@evil.example', ref: 'email-only' });
    expect(await socket.next('error', (f) => f.ref === 'email-only')).toMatchObject({ code: 'identity_unverified' });
    await agent.flush();
    expect(agent.received.some((f) => f.type === 'visitor.updated')).toBe(false);

    const userHash = createHmac('sha256', secret).update('cust-7').digest('hex');
    socket.send({ type: 'visitor.identify', id: 'cust-7', email: 'kim@shop.example', name: 'Kim', userHash, ref: 'ok' });
    await socket.next('ok', (f) => f.ref === 'ok');
    expect((await agent.next('visitor.updated')).visitor).toMatchObject({ verified: true, name: 'Kim' });

    const rotated = await server.request('POST', '/api/v1/console/identity/rotate', undefined, { cookie: admin });
    expect(rotated.body.secret).not.toBe(secret);
    socket.send({ type: 'visitor.identify', id: 'cust-7', userHash, ref: 'old' });
    expect(await socket.next('error', (f) => f.ref === 'old')).toMatchObject({ code: 'identity_unverified' });
  });
});
