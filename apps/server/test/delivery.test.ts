import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';
import { DURABLE } from '../src/chat/chat-service';
import { TOPICS } from '../src/hub/hub';

describe('delivery: nothing lost, nothing twice', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('stores a message sent 10 times with one client id once, and acks each with the same row', async () => {
    const { socket } = await server.connectVisitor();
    for (let i = 0; i < 10; i += 1) socket.send({ type: 'message.send', clientId: 'same-id', text: 'Hello?' });
    const acks = [];
    for (let i = 0; i < 10; i += 1) acks.push(await socket.next('message.ack'));

    expect(new Set(acks.map((ack) => ack.messageId)).size).toBe(1);
    expect(new Set(acks.map((ack) => `${ack.conversationId}/${ack.seq}/${ack.createdAt}`)).size).toBe(1);
    expect(acks.filter((ack) => !ack.duplicate)).toHaveLength(1);
    const rows = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM messages WHERE client_id = 'same-id'").get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('answers a retry from a new socket (after a lost ack) with the stored row', async () => {
    const first = await server.connectVisitor();
    first.socket.send({ type: 'message.send', clientId: 'retry-1', text: 'Is this in stock?' });
    const ack = await first.socket.next('message.ack');
    first.socket.close();
    const second = await server.connectVisitor(first.token);
    second.socket.send({ type: 'message.send', clientId: 'retry-1', text: 'Is this in stock?' });
    expect(await second.socket.next('message.ack')).toMatchObject({ messageId: ack.messageId, seq: ack.seq, duplicate: true });
  });

  it('has a resume wait for the disk after every read of the history, before sending what it read', async () => {
    const visitor = await server.connectVisitor();
    for (const n of [1, 2, 3]) {
      visitor.socket.send({ type: 'message.send', clientId: `d-${n}`, text: `line ${n}` });
      await visitor.socket.next('message.ack', (frame) => frame.clientId === `d-${n}`);
    }
    const conversation = server.app.conversations.activeOf(visitor.visitorId)!;
    const steps = [...server.app.chat.replay(conversation, 0, false)].map((step) => (step === DURABLE ? 'durable' : step.type));
    expect(steps[0]).toBe('durable');
    expect(steps.lastIndexOf('durable')).toBeLessThan(steps.indexOf('message.created'));
    expect(steps.at(-1)).toBe('conversation.replayed');
  });

  it('after a restart, resuming with the last seen seq replays exactly the missed messages, in order', async () => {
    const chat = await server.assignedChat('one');
    const { cookie, visitor, conversationId } = chat;
    let agent = chat.agent;
    visitor.socket.close();

    // The agent keeps writing while the shopper is away.
    for (const n of [2, 3, 4]) {
      agent.send({ type: 'message.send', clientId: `a-${n}`, conversationId, text: `reply ${n}` });
      await agent.next('message.ack', (frame) => frame.clientId === `a-${n}`);
    }

    await server.restart();
    const back = await server.connectVisitor(visitor.token);
    back.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 2 });
    const replayed = await back.socket.next('conversation.replayed');
    expect(replayed.lastSeq).toBe(4);
    expect(back.socket.take('message.created').map((f) => [f.message.seq, f.message.text])).toEqual([
      [3, 'reply 3'],
      [4, 'reply 4'],
    ]);

    back.socket.send({ type: 'conversation.resume', conversationId, lastSeq: 0 });
    await back.socket.next('conversation.replayed');
    expect(back.socket.take('message.created').map((f) => f.message.seq)).toEqual([1, 2, 3, 4]);

    // The conversation is still assigned to the same agent after the restart, and they get new messages.
    agent = await server.connectAgent(cookie);
    back.socket.send({ type: 'message.send', clientId: 'v-5', text: 'thanks' });
    expect((await agent.next('message.created')).message).toMatchObject({ seq: 5, text: 'thanks' });
  });

  it('starts one conversation when two tabs of a visitor send their first message at the same moment', async () => {
    const first = await server.connectVisitor();
    const second = await server.connectVisitor(first.token);
    const third = await server.connectVisitor(first.token);
    first.socket.send({ type: 'message.send', clientId: 'tab-1', text: 'hi from tab 1' });
    second.socket.send({ type: 'message.send', clientId: 'tab-2', text: 'hi from tab 2' });
    third.socket.send({ type: 'message.send', clientId: 'tab-3', text: 'hi from tab 3' });
    const acks = await Promise.all([first, second, third].map(({ socket }) => socket.next('message.ack')));
    expect(new Set(acks.map((ack) => ack.conversationId)).size).toBe(1);
    expect(new Set(acks.map((ack) => ack.seq)).size).toBe(3);
    const conversations = server.app.store.sqlite.prepare('SELECT count(*) AS n FROM conversations').get() as { n: number };
    expect(conversations.n).toBe(1);
  });

  it('tells the visitor about their open conversation when they come back', async () => {
    const visitor = await server.connectVisitor();
    visitor.socket.send({ type: 'message.send', clientId: 'v-1', text: 'anyone?' });
    const { conversationId } = await visitor.socket.next('message.ack');
    visitor.socket.close();
    await server.restart();
    const back = await server.connectVisitor(visitor.token);
    const ready = back.socket.received.find((frame) => frame.type === 'session.ready');
    // Nobody was online, so it waits in the queue and the FAQ bot has it too.
    expect(ready).toMatchObject({
      conversations: [{ id: conversationId, status: 'queued', queuePosition: 1, fallback: { reason: 'nobody_online' } }],
    });
  });

  it('publishes each message with its conversation as the write left it (its last seq is the message)', async () => {
    const { visitor, agent, conversationId } = await server.assignedChat('last-seq');
    const published: Array<{ seq: number; lastSeq: number; status: string }> = [];
    const unsubscribe = server.app.hub.subscribe(TOPICS.chat, (event) => {
      if (event.kind === 'message') published.push({ seq: event.message.seq, lastSeq: event.conversation.lastSeq, status: event.conversation.status });
    });
    for (const n of [1, 2]) {
      visitor.socket.send({ type: 'message.send', clientId: `q-${n}`, conversationId, text: `question ${n}` });
      await visitor.socket.next('message.ack', (frame) => frame.clientId === `q-${n}`);
      agent.send({ type: 'message.send', clientId: `a-${n}`, conversationId, text: `answer ${n}` });
      await agent.next('message.ack', (frame) => frame.clientId === `a-${n}`);
    }
    unsubscribe();
    expect(published.map((event) => event.seq)).toEqual([2, 3, 4, 5]);
    for (const event of published) expect(event).toMatchObject({ lastSeq: event.seq, status: 'open' });
  });
});
