import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import { TestSocket } from './support/test-socket';

const admin = { storeName: 'Boot Barn', name: 'Ana', email: 'Ana@Boots.example', password: 'correct horse battery' };

describe('agents getting in', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('creates the first admin once, logs them in with a strict httpOnly cookie, and names the store', async () => {
    expect((await server.request('GET', '/api/v1/setup')).body).toEqual({ needed: true });
    const setup = await server.request('POST', '/api/v1/setup', admin);
    expect(setup.status).toBe(201);
    expect(setup.body.agent).toMatchObject({ name: 'Ana', email: 'ana@boots.example', role: 'admin' });
    const cookie = setup.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^parley_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(server.app.store.sqlite.prepare('SELECT name FROM sites').get()).toEqual({ name: 'Boot Barn' });

    expect((await server.request('GET', '/api/v1/setup')).body).toEqual({ needed: false });
    const again = await server.request('POST', '/api/v1/setup', { ...admin, email: 'mallory@evil.example' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'setup_done' } } });
  });

  it('lets only one of two racing setup calls create an admin', async () => {
    const results = await Promise.all([
      server.request('POST', '/api/v1/setup', admin),
      server.request('POST', '/api/v1/setup', { ...admin, email: 'ben@boots.example' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(server.app.store.sqlite.prepare('SELECT count(*) AS n FROM agents').get()).toEqual({ n: 1 });
  });

  it('logs in with the right password only, and the session opens the agent socket', async () => {
    await server.request('POST', '/api/v1/setup', admin);
    const wrong = await server.request('POST', '/api/v1/auth/login', { email: admin.email, password: 'wrong password' });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
    const nobody = await server.request('POST', '/api/v1/auth/login', { email: 'nobody@x.example', password: 'whatever1' });
    expect(nobody.body).toEqual(wrong.body);

    const login = await server.request('POST', '/api/v1/auth/login', { email: 'ana@boots.example', password: admin.password });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie })).body.agent.name).toBe('Ana');
    const socket = await server.connectAgent(cookie);
    const ready = socket.received[0];
    expect(ready).toMatchObject({ type: 'session.ready', agent: { name: 'Ana', role: 'admin' } });

    await server.request('POST', '/api/v1/auth/logout', undefined, { cookie });
    expect((await server.request('GET', '/api/v1/me', undefined, { cookie })).status).toBe(401);
    await expect(TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { origin: server.origin, cookie })).rejects.toThrow(/401/);
  });

  it('refuses the agent socket without a session, and from a foreign origin even with one', async () => {
    const { cookie } = await server.newAgent();
    await expect(TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { origin: server.origin })).rejects.toThrow(/401/);
    await expect(
      TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { origin: 'https://evil.example', cookie }),
    ).rejects.toThrow(/403/);
    await expect(TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { cookie })).rejects.toThrow(/403/);
  });

  it('refuses login and setup posted from a foreign origin', async () => {
    const setup = await server.request('POST', '/api/v1/setup', admin, { origin: 'https://evil.example' });
    expect(setup).toMatchObject({ status: 403, body: { error: { code: 'origin_not_allowed' } } });
    expect((await server.request('GET', '/api/v1/setup')).body).toEqual({ needed: true });
  });

  it('closes an agent socket it cannot start with 1011 (the console retries), instead of leaving it silent', async () => {
    const { cookie } = await server.newAgent({ role: 'admin' });
    const conversations = server.app.conversations;
    const listActive = conversations.listActive;
    conversations.listActive = () => {
      throw new Error('disk I/O error');
    };
    const socket = await TestSocket.open(`ws://127.0.0.1:${server.port}/ws/agent`, { origin: server.origin, cookie });
    expect((await socket.closed).code).toBe(1011);
    conversations.listActive = listActive;
    await server.connectAgent(cookie); // the retry is served
  });

  it('answers GET /healthz with ok', async () => {
    expect(await server.request('GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});
