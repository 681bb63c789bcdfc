import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import { until } from './support/until';

describe('a shopper and an agent talking', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('delivers visitor → agent → visitor, and both see the same transcript with the same seqs', async () => {
    const { cookie } = await server.newAgent({ name: 'Ana' });
    const agent = await server.connectAgent(cookie);
    const { socket: visitor } = await server.connectVisitor();

    visitor.send({
      type: 'message.send',
      clientId: 'v-1',
      text: 'Do you ship to Norway?',
      page: { url: 'https://shop.example/boots', title: 'Boots' },
    });
    const ack = await visitor.next('message.ack');
    expect(ack).toMatchObject({ clientId: 'v-1', seq: 1, duplicate: false });

    const assigned = await agent.next('conversation.assigned');
    expect(assigned.conversation.assignee?.name).toBe('Ana');
    const incoming = await agent.next('message.created');
    expect(incoming.message).toMatchObject({
      seq: 1,
      text: 'Do you ship to Norway?',
      author: { type: 'visitor' },
      page: { url: 'https://shop.example/boots', title: 'Boots' },
    });
    const conversationId = ack.conversationId;
    expect((await visitor.next('conversation.assigned')).conversation.assignee?.name).toBe('Ana');

    agent.send({ type: 'message.send', clientId: 'a-1', conversationId, text: 'Yes, in 3 days.' });
    expect(await agent.next('message.ack')).toMatchObject({ seq: 2, conversationId });
    const reply = await visitor.next('message.created', (frame) => frame.message.author.type === 'agent');
    expect(reply.message).toMatchObject({ seq: 2, text: 'Yes, in 3 days.', author: { type: 'agent', name: 'Ana' } });

    visitor.send({ type: 'message.send', clientId: 'v-2', text: 'Great, thanks!' });
    expect(await visitor.next('message.ack')).toMatchObject({ seq: 3, conversationId });

    // Both sides load the transcript from storage: same messages, same seqs, same order.
    visitor.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    agent.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await visitor.next('conversation.replayed');
    await agent.next('conversation.replayed');
    const transcript = (frames: { message: { seq: number; text: string } }[]) =>
      frames.filter((f) => f.message).map((f) => `${f.message.seq}:${f.message.text}`);
    const visitorSeen = transcript(visitor.take('message.created')).slice(-3);
    const agentSeen = transcript(agent.take('message.created')).slice(-3);
    expect(visitorSeen).toEqual(['1:Do you ship to Norway?', '2:Yes, in 3 days.', '3:Great, thanks!']);
    expect(agentSeen).toEqual(visitorSeen);
  });

  it("marks the shopper's messages delivered when a console receives them, then read; the marks survive a reconnect", async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'v-1', text: 'Is the blue one in stock?' });
    const { conversationId, seq } = await shopper.socket.next('message.ack');
    await agent.next('message.created');

    agent.send({ type: 'delivered.mark', conversationId, seq, ref: 'd' });
    await agent.next('ok', (f) => f.ref === 'd');
    expect(await shopper.socket.next('delivery.updated')).toMatchObject({ conversationId, seq: 1 });
    agent.send({ type: 'read.mark', conversationId, seq, ref: 'r' });
    expect(await shopper.socket.next('read.updated')).toMatchObject({ reader: 'agent', seq: 1 });
    // A mark never moves back, and repeating it tells nobody anything new.
    agent.send({ type: 'delivered.mark', conversationId, seq: 1, ref: 'd2' });
    await agent.next('ok', (f) => f.ref === 'd2');
    await shopper.socket.flush();
    expect(shopper.socket.take('delivery.updated')).toEqual([]);

    const back = await server.connectVisitor(shopper.token);
    back.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    expect((await back.socket.next('conversation.replayed')).conversation).toMatchObject({ agentDeliveredSeq: 1, agentReadSeq: 1 });
    // Visitors cannot mark their own messages delivered.
    back.socket.send({ type: 'delivered.mark', conversationId, seq: 1, ref: 'x' });
    expect(await back.socket.next('error', (f) => f.ref === 'x')).toMatchObject({ code: 'unknown_frame' });
  });

  it('answers a mark for a conversation that does not exist with an error, and the console keeps working', async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    agent.send({ type: 'delivered.mark', conversationId: 'no-such-chat', seq: 3, ref: 'd' });
    expect(await agent.next('error', (f) => f.ref === 'd')).toMatchObject({ code: 'conversation_not_found' });
    agent.send({ type: 'read.mark', conversationId: 'no-such-chat', seq: 3, ref: 'r' });
    expect(await agent.next('error', (f) => f.ref === 'r')).toMatchObject({ code: 'conversation_not_found' });
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'v-1', text: 'Still there?' });
    const { conversationId, seq } = await shopper.socket.next('message.ack');
    agent.send({ type: 'delivered.mark', conversationId, seq, ref: 'd2' });
    await agent.next('ok', (f) => f.ref === 'd2');
    expect(await shopper.socket.next('delivery.updated')).toMatchObject({ conversationId, seq });
  });

  it('never sends an internal note to the shopper', async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    const { socket: visitor } = await server.connectVisitor();
    visitor.send({ type: 'message.send', clientId: 'v-1', text: 'Where is my order?' });
    const { conversationId } = await visitor.next('message.ack');
    await agent.next('conversation.assigned');

    agent.send({ type: 'message.send', clientId: 'n-1', conversationId, text: 'VIP customer, be nice', internal: true });
    agent.send({ type: 'message.send', clientId: 'a-1', conversationId, text: 'Let me check.' });
    await agent.next('message.ack', (frame) => frame.clientId === 'a-1');
    await visitor.next('message.created', (frame) => frame.message.text === 'Let me check.');
    visitor.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await visitor.next('conversation.replayed');
    await visitor.flush();

    const everything = JSON.stringify(visitor.received);
    expect(everything).not.toContain('VIP customer');
    expect(everything).not.toContain('n-1');
  });

  it('closes every socket with 1001 when the server shuts down', async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    const { socket: visitor } = await server.connectVisitor();
    await server.app.close();
    expect((await visitor.closed).code).toBe(1001);
    expect((await agent.closed).code).toBe(1001);
    await server.restart().catch(() => undefined);
  });

  it('turns away a socket upgrade that arrives while shutting down, and finishes closing without waiting for its client', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let answer = '';
    let ended = false;
    socket.on('data', (data) => (answer += String(data)));
    socket.on('close', () => (ended = true));
    socket.on('error', () => {});
    let closed = false;
    const closing = server.app.close().then(() => (closed = true));
    await until(() => !server.app.server.listening);
    socket.write(
      `GET /ws/visitor?site=${server.siteKey} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    // Before, it got a 503 on a socket nobody ended, and closing waited for the client to hang up.
    await until(() => ended && closed);
    expect(answer).not.toContain('101 Switching Protocols');
    await closing;
    await server.restart().catch(() => undefined);
  });
});
