import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';

describe("a visitor cannot reach another visitor's conversation", () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('refuses resume, read marks, typing, ending and writing with the same code as a missing conversation', async () => {
    const b = await server.connectVisitor();
    b.socket.send({ type: 'message.send', clientId: 'b-1', text: 'my address is 1 Secret Lane' });
    const { conversationId } = await b.socket.next('message.ack');
    const a = await server.connectVisitor();

    const attempts = [
      { type: 'conversation.resume', conversationId, lastSeq: 0, ref: 'r1' },
      { type: 'read.mark', conversationId, seq: 1, ref: 'r2' },
      { type: 'typing.start', conversationId, ref: 'r3' },
      { type: 'conversation.end', conversationId, ref: 'r4' },
      { type: 'message.send', clientId: 'r5', conversationId, text: 'injected' },
      { type: 'conversation.resume', conversationId: 'does-not-exist', lastSeq: 0, ref: 'r6' },
      { type: 'conversation.rate', conversationId, score: 1, ref: 'r7' },
      { type: 'conversation.transcript', conversationId, email: 'mallory@evil.example', ref: 'r8' },
      { type: 'typing.stop', conversationId, ref: 'r9' },
    ];
    for (const frame of attempts) a.socket.send(frame);
    const errors = [];
    const refs = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9'];
    for (const ref of refs) errors.push(await a.socket.next('error', (f) => f.ref === ref));
    expect(errors.map((error) => error.code)).toEqual(Array(refs.length).fill('conversation_not_found'));
    // The message for a real and for a missing conversation are identical: nothing reveals it exists.
    expect(new Set(errors.map((error) => error.message)).size).toBe(1);

    await a.socket.flush();
    expect(JSON.stringify(a.socket.received)).not.toContain('Secret Lane');
    b.socket.take('message.created');
    b.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await b.socket.next('conversation.replayed');
    const own = b.socket.take('message.created').filter((f) => f.message.author.type === 'visitor');
    expect(own.map((f) => f.message.text)).toEqual(['my address is 1 Secret Lane']);
    const stored = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE body = 'injected'").get() as { n: number };
    expect(stored.n).toBe(0);
  });

  it("a visitor's messages and typing never reach another visitor", async () => {
    const a = await server.connectVisitor();
    const b = await server.connectVisitor();
    b.socket.send({ type: 'message.send', clientId: 'b-1', text: 'private words' });
    const { conversationId } = await b.socket.next('message.ack');
    b.socket.send({ type: 'typing.start', conversationId });
    await b.socket.flush();
    await a.socket.flush();
    expect(JSON.stringify(a.socket.received)).not.toContain('private words');
    expect(a.socket.received.map((frame) => frame.type)).toEqual(['session.ready', 'pong']);
  });

  it('refuses a wrong token and any frame before authentication', async () => {
    const socket = await (await import('./support/test-socket')).TestSocket.open(
      `ws://127.0.0.1:${server.port}/ws/visitor?site=${server.siteKey}`,
    );
    socket.send({ type: 'message.send', clientId: 'early', text: 'hi' });
    expect(await socket.next('error', (f) => f.ref === 'early')).toMatchObject({ code: 'not_authenticated' });
    socket.send({ type: 'session.auth', token: 'not-a-real-token', protocol: 1 });
    expect(await socket.next('error')).toMatchObject({ code: 'invalid_token' });
    expect((await socket.closed).code).toBe(4401);
  });
});
