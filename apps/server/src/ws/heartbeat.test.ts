import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestServer } from '../../test/support/test-server';

/** A visitor socket that never answers pings (as a tab frozen in the background, or a dead network). */
async function silentVisitor(server: TestServer): Promise<WebSocket> {
  const { token } = await server.newVisitorToken();
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws/visitor?site=${server.siteKey}`, {
    origin: 'https://shop.example',
    autoPong: false,
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const ready = new Promise((resolve) => socket.on('message', (data) => String(data).includes('session.ready') && resolve(null)));
  socket.send(JSON.stringify({ type: 'session.auth', token, protocol: 1 }));
  await ready;
  return socket;
}

describe('heartbeat', () => {
  let server: TestServer;
  afterEach(async () => server.stop());

  it('drops a socket that stops answering pings, so nothing is kept (or buffered) for it; answering sockets stay', async () => {
    server = await TestServer.start(undefined, { heartbeatMs: 100 });
    const { socket: answering } = await server.connectVisitor();
    const silent = await silentVisitor(server);
    expect(server.app.connections.counts().visitors).toBe(2);

    const code = await new Promise<number>((resolve) => silent.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(1006); // cut without a close handshake: it would not have read one
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.app.connections.counts().visitors).toBe(1);

    // The answering one is still served after several intervals.
    await new Promise((resolve) => setTimeout(resolve, 300));
    answering.send({ type: 'message.send', clientId: 'still-here', text: 'Still there?' });
    expect((await answering.next('message.ack')).clientId).toBe('still-here');
    answering.close();
  });
});
