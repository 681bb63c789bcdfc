import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_FAILURES } from '../src/http/agent-auth';
import { MESSAGE_RATE } from '../src/ws/visitor-gateway';
import { TestServer } from './support/test-server';
import type { TestSocket } from './support/test-socket';

/** Median milliseconds from sending a message to its ack, over `count` messages sent one at a time. */
async function medianAckLatency(socket: TestSocket, prefix: string, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    socket.send({ type: 'message.send', clientId: `${prefix}-${i}`, text: `latency probe ${i}` });
    await socket.next('message.ack', (ack) => ack.clientId === `${prefix}-${i}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

describe('limits', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it("refuses a flooding visitor's excess messages with rate_limited, storing only what was allowed", async () => {
    const { socket } = await server.connectVisitor();
    for (let i = 0; i < 60; i += 1) socket.send({ type: 'message.send', clientId: `f-${i}`, text: `spam ${i}` });
    await socket.flush();
    const acks = socket.take('message.ack');
    const refused = socket.take('error').filter((error) => error.code === 'rate_limited');
    expect(acks.length).toBeGreaterThanOrEqual(MESSAGE_RATE.burst);
    expect(acks.length).toBeLessThan(30);
    expect(acks.length + refused.length).toBe(60);
    expect(refused[0]!.ref).toMatch(/^f-\d+$/);
    const stored = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE body LIKE 'spam %'").get() as { n: number };
    expect(stored.n).toBe(acks.length);
  });

  it("does not slow other visitors down: their ack latency stays within a bound of the idle latency", async () => {
    const calm = await server.connectVisitor();
    calm.socket.send({ type: 'message.send', clientId: 'warm', text: 'warm up' });
    await calm.socket.next('message.ack');
    const idle = await medianAckLatency(calm.socket, 'idle', 9);

    const flooder = await server.connectVisitor();
    let flooding = true;
    const flood = (async () => {
      let i = 0;
      while (flooding) {
        for (let burst = 0; burst < 200; burst += 1) flooder.socket.send({ type: 'message.send', clientId: `x-${i++}`, text: 'flood' });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const busy = await medianAckLatency(calm.socket, 'busy', 9);
    flooding = false;
    await flood;
    // Refused frames cost the server almost nothing: the calm shopper's median stays within 15x idle
    // (idle is a fraction of a millisecond on loopback, so this allows for scheduling noise on 2 cores).
    expect(busy / Math.max(idle, 0.5)).toBeLessThan(15);
  });

  it('throttles failed logins per account, even for the right password afterwards', async () => {
    await server.request('POST', '/api/v1/setup', { storeName: 'Boot Barn', name: 'Ana', email: 'ana@boots.example', password: 'correct horse battery' });
    for (let i = 0; i < LOGIN_FAILURES.burst; i += 1) {
      const wrong = await server.request('POST', '/api/v1/auth/login', { email: 'ana@boots.example', password: `guess ${i}` });
      expect(wrong.body.error.code).toBe('invalid_credentials');
    }
    const locked = await server.request('POST', '/api/v1/auth/login', { email: 'ana@boots.example', password: 'correct horse battery' });
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
  });

  it('limits visitor sessions per IP with 429 rate_limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 62; i += 1) statuses.push((await server.request('POST', '/api/v1/visitor/sessions', { siteKey: server.siteKey })).status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(60);
    const refused = await server.request('POST', '/api/v1/visitor/sessions', { siteKey: server.siteKey });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
  });
});
