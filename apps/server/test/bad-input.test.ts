import { MAX_FRAME_BYTES, MAX_MESSAGE_LENGTH } from '@parley/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';

describe('bad input gets a clear answer and the server stays up', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('answers malformed, unknown and invalid frames with error codes and keeps the socket open', async () => {
    const { socket } = await server.connectVisitor();
    socket.send('{"type": "message.send", ');
    expect(await socket.next('error')).toMatchObject({ code: 'bad_json' });
    socket.send({ type: 'conversation.explode', ref: 'u1' });
    expect(await socket.next('error')).toMatchObject({ code: 'unknown_frame', ref: 'u1' });
    socket.send([1, 2, 3]);
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame' });
    socket.send({ type: 'message.send', clientId: 'has spaces!', text: 'hi' });
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame' });
    socket.send({ type: 'message.send', clientId: 'blank', text: '   ' });
    expect(await socket.next('error', (f) => f.ref === 'blank')).toMatchObject({ code: 'invalid_frame' });
    socket.send({ type: 'conversation.resume', conversationId: 'x', lastSeq: -1, ref: 'neg' });
    expect(await socket.next('error', (f) => f.ref === 'neg')).toMatchObject({ code: 'invalid_frame' });
    socket.ws.send(Buffer.from([0xde, 0xad]), { binary: true });
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_frame' });

    // Still open and working.
    socket.send({ type: 'message.send', clientId: 'ok-1', text: 'still here' });
    expect(await socket.next('message.ack')).toMatchObject({ clientId: 'ok-1', seq: 1 });
  });

  it('refuses a message over the length limit with message_too_long and stores nothing', async () => {
    const { socket } = await server.connectVisitor();
    socket.send({ type: 'message.send', clientId: 'long', text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) });
    expect(await socket.next('error')).toMatchObject({ code: 'message_too_long', ref: 'long' });
    socket.send({ type: 'message.send', clientId: 'max', text: 'y'.repeat(MAX_MESSAGE_LENGTH) });
    expect(await socket.next('message.ack')).toMatchObject({ clientId: 'max' });
    const count = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE author_type = 'visitor'").get() as { n: number };
    expect(count.n).toBe(1);
  });

  it('closes a socket that sends a frame over 64 KiB with 1009, and other visitors are unaffected', async () => {
    const bystander = await server.connectVisitor();
    const { socket } = await server.connectVisitor();
    socket.send(JSON.stringify({ type: 'message.send', clientId: 'big', text: 'z'.repeat(MAX_FRAME_BYTES) }));
    expect((await socket.closed).code).toBe(1009);

    bystander.socket.send({ type: 'message.send', clientId: 'fine', text: 'am I fine?' });
    expect(await bystander.socket.next('message.ack')).toMatchObject({ clientId: 'fine' });
    expect((await server.request('GET', '/healthz')).body).toEqual({ status: 'ok' });
  });

  it('answers bad REST bodies with 400 and a stable code', async () => {
    const broken = await server.request('POST', '/api/v1/visitor/sessions', '{"siteKey":', {});
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_body');
    const missing = await server.request('POST', '/api/v1/visitor/sessions', {});
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'invalid_body' } } });
    const unknownSite = await server.request('POST', '/api/v1/visitor/sessions', { siteKey: 'site_nope' });
    expect(unknownSite).toMatchObject({ status: 404, body: { error: { code: 'site_not_found' } } });
    const nowhere = await server.request('GET', '/api/v1/nowhere');
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('refuses a socket for an unknown site before the upgrade', async () => {
    const { TestSocket } = await import('./support/test-socket');
    await expect(TestSocket.open(`ws://127.0.0.1:${server.port}/ws/visitor?site=site_nope`)).rejects.toThrow(/404/);
  });
});
