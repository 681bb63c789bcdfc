import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { TestServer } from './support/test-server';
import { tempDir } from './support/temp-dir';

describe("the widget's endpoints", () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it("serves the site's widget settings with defaults, to any origin while none are configured", async () => {
    const response = await server.request('GET', `/api/v1/sites/${server.siteKey}/settings`, undefined, { origin: 'https://shop.example' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'My store', position: 'right', brandColor: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await server.request('GET', '/api/v1/sites/site_nope/settings')).body.error.code).toBe('site_not_found');
  });

  it("limits the widget's endpoints and socket to the site's allowed origins once set", async () => {
    server.app.store.sqlite.prepare('UPDATE sites SET allowed_origins = ?').run(JSON.stringify(['https://shop.example']));
    const allowed = await server.request('POST', '/api/v1/visitor/sessions', { siteKey: server.siteKey }, { origin: 'https://shop.example' });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const foreign = await server.request('POST', '/api/v1/visitor/sessions', { siteKey: server.siteKey }, { origin: 'https://evil.example' });
    expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const { TestSocket } = await import('./support/test-socket');
    const url = `ws://127.0.0.1:${server.port}/ws/visitor?site=${server.siteKey}`;
    await expect(TestSocket.open(url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    const socket = await TestSocket.open(url, { origin: 'https://shop.example' });
    socket.close();
  });

  it('answers CORS preflights for the widget endpoints', async () => {
    const response = await fetch(`${server.origin}/api/v1/visitor/sessions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('serves widget.js compressed with short caching, and the chat bundle cached for a year', async () => {
    const dir = tempDir('widget');
    writeFileSync(join(dir, 'widget.js'), 'console.log("launcher");'.repeat(20));
    writeFileSync(join(dir, 'widget-chat.abc123.js'), 'console.log("chat");');
    const app = await buildApp({ dataDir: tempDir('assets'), widgetDir: dir });
    try {
      const loader = await app.inject({ url: '/widget.js', headers: { 'accept-encoding': 'gzip' } });
      expect(loader.statusCode).toBe(200);
      expect(loader.headers['content-type']).toMatch(/javascript/);
      expect(loader.headers['content-encoding']).toBe('gzip');
      expect(loader.headers['cache-control']).toBe('public, max-age=300');
      expect(gunzipSync(loader.rawPayload).toString()).toContain('launcher');
      const chat = await app.inject({ url: '/widget-chat.abc123.js' });
      expect(chat.headers['cache-control']).toContain('immutable');
      expect(chat.body).toBe('console.log("chat");');
      expect((await app.inject({ url: '/widget-chat.nope.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('answers 503 with a harmless script when the widget is not built', async () => {
    const app = await buildApp({ dataDir: tempDir('empty'), widgetDir: tempDir('none') });
    try {
      const response = await app.inject({ url: '/widget.js' });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('console.warn');
    } finally {
      await app.close();
    }
  });
});

describe("the shopper's profile and rating", () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('shows agents the identity, attributes, browser and pages; verified only with the right HMAC', async () => {
    const agent = await server.connectAgent((await server.newAgent()).cookie);
    const { socket, visitorId } = await server.connectVisitor();
    socket.send({ type: 'page.view', page: { url: 'https://shop.example/boots', title: 'Boots' }, ref: 'p' });
    await socket.next('ok');
    socket.send({ type: 'visitor.identify', id: 'cust-7', email: 'Kim@Shop.example', name: 'Kim', userHash: 'ab'.repeat(32), ref: 'i1' });
    await socket.next('ok');
    const unverified = await agent.next('visitor.updated', (f) => f.visitor.name === 'Kim');
    expect(unverified.visitor).toMatchObject({ id: visitorId, email: 'kim@shop.example', externalId: 'cust-7', verified: false });
    expect(unverified.visitor.pages[0]).toMatchObject({ url: 'https://shop.example/boots', title: 'Boots' });

    const secret = (server.app.store.sqlite.prepare('SELECT identity_secret AS s FROM sites').get() as { s: string }).s;
    const userHash = createHmac('sha256', secret).update('cust-7').digest('hex');
    socket.send({ type: 'visitor.identify', id: 'cust-7', userHash, ref: 'i2' });
    expect((await agent.next('visitor.updated', (f) => f.visitor.verified)).visitor.name).toBe('Kim');

    socket.send({ type: 'visitor.attributes', attributes: { cartValue: 129.5, plan: 'gold' } });
    socket.send({ type: 'visitor.attributes', attributes: { plan: null, lastOrder: 'A-1001' } });
    const attributes = await agent.next('visitor.updated', (f) => f.visitor.attributes.lastOrder === 'A-1001');
    expect(attributes.visitor.attributes).toEqual({ cartValue: 129.5, lastOrder: 'A-1001' });
    // New messages carry the name the shopper gave.
    socket.send({ type: 'message.send', clientId: 'm1', text: 'hi' });
    expect((await agent.next('message.created')).message.author.name).toBe('Kim');
  });

  it('refuses oversized attribute sets with a code', async () => {
    const { socket } = await server.connectVisitor();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    socket.send({ type: 'visitor.attributes', attributes: tooMany, ref: 'a' });
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame', ref: 'a' });
  });

  it('stores the rating of a closed chat and tells the agents', async () => {
    const agent = await server.connectAgent((await server.newAgent()).cookie);
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'm1', text: 'thanks for the help' });
    const { conversationId } = await socket.next('message.ack');
    socket.send({ type: 'conversation.rate', conversationId, score: 5, ref: 'early' });
    expect(await socket.next('error', (f) => f.ref === 'early')).toMatchObject({ code: 'conversation_not_closed' });

    agent.send({ type: 'conversation.close', conversationId, ref: 'c' });
    await socket.next('conversation.closed');
    socket.send({ type: 'conversation.rate', conversationId, score: 4, comment: 'quick and kind', ref: 'r' });
    await socket.next('ok', (f) => f.ref === 'r');
    const rated = await agent.next('conversation.rated');
    expect(rated.conversation.rating).toEqual({ score: 4, comment: 'quick and kind' });
  });
});
