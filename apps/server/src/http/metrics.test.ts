import { afterEach, describe, expect, it } from 'vitest';
import { TestServer } from '../../test/support/test-server';

const TOKEN = 'scrape-me-with-this-token';

function value(metrics: string, series: string): number {
  const line = metrics.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  if (!line) throw new Error(`no ${series} in\n${metrics}`);
  return Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer;
  afterEach(async () => server.stop());

  it('is off by default', async () => {
    server = await TestServer.start();
    const response = await server.request('GET', '/metrics');
    expect(response.status).toBe(404);
    expect(response.body.error.message).toContain('PARLEY_METRICS');
  });

  it('reports sockets, conversations, queue, stored messages, delivery latency, mail and event-loop lag', async () => {
    server = await TestServer.start(undefined, { metrics: { enabled: true } });
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    const { socket: visitor } = await server.connectVisitor();
    visitor.send({ type: 'message.send', clientId: 'v-1', text: 'Hello?' });
    await visitor.next('message.ack');
    await agent.next('message.created');
    const { socket: waiting } = await server.connectVisitor();

    const response = await fetch(`${server.origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const metrics = await response.text();
    expect(value(metrics, 'parley_open_sockets{kind="visitor"}')).toBe(2);
    expect(value(metrics, 'parley_open_sockets{kind="agent"}')).toBe(1);
    expect(value(metrics, 'parley_conversations{state="open"}')).toBe(1);
    expect(value(metrics, 'parley_conversations{state="queued"}')).toBe(0);
    expect(value(metrics, 'parley_queue_length')).toBe(0);
    expect(value(metrics, 'parley_messages_stored_total')).toBe(1);
    expect(value(metrics, 'parley_delivery_seconds_count')).toBe(1);
    expect(value(metrics, 'parley_delivery_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(value(metrics, 'parley_mail_outbox{state="queued"}')).toBe(0);
    // The visitor's message and its conversation start were written durably: at least one fsync, one write.
    expect(value(metrics, 'parley_wal_sync_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(metrics, 'parley_write_durable_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(metrics, 'parley_write_durable_seconds_bucket{le="+Inf"}')).toBe(value(metrics, 'parley_write_durable_seconds_count'));
    expect(metrics).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(metrics).toContain('process_resident_memory_bytes');
    waiting.close();
    visitor.close();
    agent.close();
  });

  it('counts waiting conversations as the queue', async () => {
    server = await TestServer.start(undefined, { metrics: { enabled: true } });
    const { cookie } = await server.newAgent({ capacity: 1 });
    await server.connectAgent(cookie);
    for (const clientId of ['a', 'b']) {
      const { socket } = await server.connectVisitor();
      socket.send({ type: 'message.send', clientId, text: 'Anyone?' });
      await socket.next('message.ack');
    }
    const metrics = await (await fetch(`${server.origin}/metrics`)).text();
    expect(value(metrics, 'parley_queue_length')).toBe(1);
    expect(value(metrics, 'parley_conversations{state="queued"}')).toBe(1);
    expect(value(metrics, 'parley_messages_stored_total')).toBeGreaterThanOrEqual(2);
  });

  it('with a token, answers only a scraper that sends it', async () => {
    server = await TestServer.start(undefined, { metrics: { token: TOKEN } });
    const without = await fetch(`${server.origin}/metrics`);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toContain('Bearer');
    expect((await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    const withToken = await fetch(`${server.origin}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(200);
    expect(await withToken.text()).toContain('parley_open_sockets');
  });
});
