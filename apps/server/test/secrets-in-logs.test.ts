import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';

describe('secrets stay out of logs and URLs', () => {
  let server: TestServer;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    server = await TestServer.start(undefined, { logger: { level: 'trace', stream } });
  });
  afterEach(async () => server.stop());

  it('never logs a visitor token or a session cookie, across sessions, sockets, errors and logins', async () => {
    const { socket, token } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'm1', text: 'hello' });
    await socket.next('message.ack');
    socket.send('{broken');
    await socket.next('error');
    await server.request('POST', '/api/v1/visitor/offline', { clientId: 'o1', name: 'Kim', email: 'kim@shop.example', message: 'hi', elapsedMs: 9000 }, { authorization: `Bearer ${token}` });
    await server.request('POST', '/api/v1/visitor/offline', { clientId: 'o2' }, { authorization: `Bearer ${token}x` });

    const setup = await server.request('POST', '/api/v1/setup', { storeName: 'Boot Barn', name: 'Ana', email: 'ana@boots.example', password: 'correct horse battery' });
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const secret = cookie.split('=')[1]!;
    await server.request('GET', '/api/v1/me', undefined, { cookie });
    await server.request('POST', '/api/v1/auth/login', { email: 'ana@boots.example', password: 'correct horse battery' });
    const agent = await server.connectAgent(cookie);
    agent.close();

    expect(lines.length).toBeGreaterThan(10);
    const log = lines.join('');
    expect(token.length).toBeGreaterThan(40);
    expect(log).not.toContain(token);
    expect(log).not.toContain(secret);
    expect(log).not.toContain('correct horse battery');
    // The token travels only in the first socket frame and the Authorization header, never in a URL.
    expect(log).not.toMatch(/"url":"[^"]*token/i);
  });
});
