import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from './support/test-server';

describe('routing: capacity and the queue', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('queues a second shopper at position 1 when the only agent is full, and assigns them when the first chat closes', async () => {
    const { cookie } = await server.newAgent({ name: 'Ana', capacity: 1 });
    const agent = await server.connectAgent(cookie);

    const first = await server.connectVisitor();
    first.socket.send({ type: 'message.send', clientId: 'a', text: 'first shopper' });
    const firstAck = await first.socket.next('message.ack');
    await first.socket.next('conversation.assigned');

    const second = await server.connectVisitor();
    second.socket.send({ type: 'message.send', clientId: 'b', text: 'second shopper' });
    const secondAck = await second.socket.next('message.ack');
    const queued = await second.socket.next('conversation.queued');
    expect(queued.conversation).toMatchObject({ status: 'queued', queuePosition: 1, assignee: null });
    expect((await agent.next('conversation.queued')).conversation.id).toBe(secondAck.conversationId);

    agent.send({ type: 'conversation.close', conversationId: firstAck.conversationId, ref: 'close-1' });
    await agent.next('ok', (frame) => frame.ref === 'close-1');
    expect((await first.socket.next('conversation.closed')).conversation.status).toBe('closed');
    const assigned = await second.socket.next('conversation.assigned');
    expect(assigned.conversation).toMatchObject({ id: secondAck.conversationId, status: 'open', assignee: { name: 'Ana' } });
  });

  it('tells each waiting shopper their position as the queue moves', async () => {
    const { cookie } = await server.newAgent({ capacity: 1 });
    const shoppers = [];
    for (const name of ['one', 'two', 'three']) {
      const shopper = await server.connectVisitor();
      shopper.socket.send({ type: 'message.send', clientId: name, text: `hello from ${name}` });
      await shopper.socket.next('message.ack');
      shoppers.push(shopper);
    }
    expect((await shoppers[2]!.socket.next('conversation.queued')).conversation.queuePosition).toBe(3);

    // The agent comes online: the oldest is assigned, the others move up.
    const agent = await server.connectAgent(cookie);
    expect((await shoppers[0]!.socket.next('conversation.assigned')).conversation.status).toBe('open');
    expect((await shoppers[1]!.socket.next('queue.updated')).position).toBe(1);
    expect((await shoppers[2]!.socket.next('queue.updated')).position).toBe(2);
    agent.close();
  });

  it('gives a new conversation to the agent with the fewest open chats, ties to the least recently assigned', async () => {
    const ana = await server.newAgent({ name: 'Ana' });
    const ben = await server.newAgent({ name: 'Ben' });
    const anaSocket = await server.connectAgent(ana.cookie);
    const benSocket = await server.connectAgent(ben.cookie);
    const assignees: string[] = [];
    for (const n of [1, 2, 3, 4]) {
      const shopper = await server.connectVisitor();
      shopper.socket.send({ type: 'message.send', clientId: `m${n}`, text: 'hi' });
      assignees.push((await shopper.socket.next('conversation.assigned')).conversation.assignee!.name);
    }
    // Both start at zero: the first goes to either, then they alternate.
    expect(new Set(assignees.slice(0, 2))).toEqual(new Set(['Ana', 'Ben']));
    expect(assignees[2]).toBe(assignees[0]);
    expect(assignees[3]).toBe(assignees[1]);
    anaSocket.close();
    benSocket.close();
  });

  it('fills an agent who signs in up to their capacity, oldest first, and the rest of the queue moves up', async () => {
    const { cookie, agentId } = await server.newAgent({ name: 'Ana', capacity: 2 });
    const shoppers = [];
    for (const name of ['one', 'two', 'three', 'four']) {
      const { socket } = await server.connectVisitor();
      socket.send({ type: 'message.send', clientId: name, text: `hello from ${name}` });
      const { conversationId } = await socket.next('message.ack');
      await socket.next('conversation.queued');
      shoppers.push({ socket, conversationId });
    }

    const agent = await server.connectAgent(cookie);
    const assigned = [await agent.next('conversation.assigned'), await agent.next('conversation.assigned')];
    expect(assigned.map((frame) => frame.conversation.id)).toEqual([shoppers[0]!.conversationId, shoppers[1]!.conversationId]);
    const presence = await agent.next('agent.presence', (frame) => frame.agent.agentId === agentId && frame.agent.openCount === 2);
    expect(presence.agent).toMatchObject({ status: 'online', capacity: 2 });
    for (const shopper of shoppers.slice(0, 2)) expect((await shopper.socket.next('conversation.assigned')).conversation.assignee?.name).toBe('Ana');
    expect((await shoppers[2]!.socket.next('queue.updated')).position).toBe(1);
    expect((await shoppers[3]!.socket.next('queue.updated')).position).toBe(2);
    const stored = server.app.store.sqlite.prepare("SELECT count(*) AS n FROM conversations WHERE status = 'open' AND assigned_agent_id = ?").get(agentId);
    expect(stored).toEqual({ n: 2 });
  });

  it('skips agents who are away, and drains the queue when they come back online', async () => {
    const { cookie } = await server.newAgent();
    const agent = await server.connectAgent(cookie);
    agent.send({ type: 'agent.status', status: 'away', ref: 'away' });
    await agent.next('ok');
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'x', text: 'hello?' });
    expect((await shopper.socket.next('conversation.queued')).conversation.queuePosition).toBe(1);
    agent.send({ type: 'agent.status', status: 'online' });
    expect((await shopper.socket.next('conversation.assigned')).conversation.status).toBe('open');
  });

  it('lets exactly one of two agents accept the same waiting conversation', async () => {
    const ana = await server.newAgent({ name: 'Ana' });
    const ben = await server.newAgent({ name: 'Ben' });
    const anaSocket = await server.connectAgent(ana.cookie);
    const benSocket = await server.connectAgent(ben.cookie);
    for (const socket of [anaSocket, benSocket]) {
      socket.send({ type: 'agent.status', status: 'away', ref: 'away' });
      await socket.next('ok');
    }
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'x', text: 'help' });
    const { conversationId } = await shopper.socket.next('message.ack');
    await anaSocket.next('conversation.queued');

    anaSocket.send({ type: 'conversation.accept', conversationId, ref: 'accept' });
    benSocket.send({ type: 'conversation.accept', conversationId, ref: 'accept' });
    const answers = await Promise.all(
      [anaSocket, benSocket].map((socket) =>
        Promise.race([socket.next('ok', (f) => f.ref === 'accept'), socket.next('error', (f) => f.ref === 'accept')]),
      ),
    );
    expect(answers.map((answer) => answer.type).sort()).toEqual(['error', 'ok']);
    expect(answers.find((answer) => answer.type === 'error')).toMatchObject({ code: 'already_assigned' });
  });

  it('transfers a conversation to another agent, who then receives its messages', async () => {
    const ana = await server.newAgent({ name: 'Ana' });
    const anaSocket = await server.connectAgent(ana.cookie);
    const shopper = await server.connectVisitor();
    shopper.socket.send({ type: 'message.send', clientId: 'x', text: 'returns?' });
    const { conversationId } = await shopper.socket.next('message.ack');
    await anaSocket.next('conversation.assigned');

    const ben = await server.newAgent({ name: 'Ben' });
    const benSocket = await server.connectAgent(ben.cookie);
    anaSocket.send({ type: 'conversation.transfer', conversationId, agentId: ben.agentId, ref: 't' });
    await anaSocket.next('ok', (frame) => frame.ref === 't');
    expect((await shopper.socket.next('conversation.assigned', (f) => f.conversation.assignee?.name === 'Ben')).conversation.status).toBe('open');

    shopper.socket.send({ type: 'message.send', clientId: 'y', text: 'hello Ben' });
    expect((await benSocket.next('message.created', (f) => f.message.text === 'hello Ben')).message.seq).toBe(2);
    anaSocket.send({ type: 'message.send', clientId: 'z', conversationId, text: 'still me' });
    expect(await anaSocket.next('error', (f) => f.ref === 'z')).toMatchObject({ code: 'not_assigned_to_you' });
  });
});
