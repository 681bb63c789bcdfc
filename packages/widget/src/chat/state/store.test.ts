import type { ConversationView, MessageView } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { ChatStore } from './store';

const conversation = (overrides: Partial<ConversationView> = {}): ConversationView => ({
  id: 'c1',
  siteId: 's',
  visitorId: 'v',
  status: 'open',
  assignee: { id: 'a1', name: 'Ana' },
  lastSeq: 0,
  queuePosition: null,
  createdAt: 1,
  closedAt: null,
  rating: null,
  ...overrides,
});
const message = (seq: number, overrides: Partial<MessageView> = {}): MessageView => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: null,
  author: { type: 'agent', id: 'a1', name: 'Ana' },
  text: `message ${seq}`,
  internal: false,
  page: null,
  createdAt: seq,
  ...overrides,
});

describe('ChatStore', () => {
  it('shows a message seen live, replayed and from another tab once, in seq order', () => {
    const store = new ChatStore();
    store.apply({ type: 'conversation.assigned', conversation: conversation() });
    store.apply({ type: 'message.created', message: message(2) });
    store.apply({ type: 'message.created', message: message(1) });
    store.apply({ type: 'message.created', message: message(2) });
    expect(store.state.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("turns the shopper's pending message into a sent one on ack, then read when the agent reads", () => {
    const store = new ChatStore();
    store.addPending('client-1', 'hello', 5);
    store.addPending('client-2', 'second', 6);
    store.apply({ type: 'message.ack', clientId: 'client-1', messageId: 'm1', conversationId: 'c1', seq: 1, createdAt: 7, duplicate: false });
    expect(store.state.messages.map((m) => [m.text, m.status])).toEqual([
      ['hello', 'sent'],
      ['second', 'sending'],
    ]);
    store.apply({ type: 'read.updated', conversationId: 'c1', reader: 'agent', seq: 1 });
    expect(store.state.messages[0]?.status).toBe('read');
    expect(store.state.messages[1]?.status).toBe('sending');
  });

  it('moves a message from sent to delivered to read, never backwards, and takes the marks from a replayed view', () => {
    const store = new ChatStore();
    store.apply({ type: 'conversation.assigned', conversation: conversation() });
    store.addPending('c1', 'one', 1);
    store.apply({ type: 'message.ack', clientId: 'c1', messageId: 'm1', conversationId: 'c1', seq: 1, createdAt: 2, duplicate: false });
    store.apply({ type: 'delivery.updated', conversationId: 'c1', seq: 1 });
    expect(store.state.messages[0]?.status).toBe('delivered');
    store.apply({ type: 'read.updated', conversationId: 'c1', reader: 'agent', seq: 1 });
    store.apply({ type: 'delivery.updated', conversationId: 'c1', seq: 1 });
    store.apply({ type: 'message.ack', clientId: 'c1', messageId: 'm1', conversationId: 'c1', seq: 1, createdAt: 2, duplicate: true });
    expect(store.state.messages[0]?.status).toBe('read');

    const reloaded = new ChatStore();
    reloaded.apply({ type: 'message.created', message: message(1, { author: { type: 'visitor', id: 'v', name: null }, clientId: 'c1' }) });
    reloaded.apply({ type: 'message.created', message: message(2, { author: { type: 'visitor', id: 'v', name: null }, clientId: 'c2' }) });
    reloaded.apply({ type: 'conversation.replayed', conversationId: 'c1', lastSeq: 2, conversation: conversation({ agentDeliveredSeq: 2, agentReadSeq: 1 }) });
    expect(reloaded.state.messages.map((m) => m.status)).toEqual(['read', 'delivered']);
  });

  it('counts unread agent messages only while the panel is closed', () => {
    const store = new ChatStore();
    store.apply({ type: 'message.created', message: message(1) });
    store.apply({ type: 'message.created', message: message(2, { author: { type: 'visitor', id: 'v', name: null }, clientId: 'x' }) });
    expect(store.state.unread).toBe(1);
    store.update({ open: true, unread: 0 });
    store.apply({ type: 'message.created', message: message(3) });
    expect(store.state.unread).toBe(0);
  });

  it('tracks queue position, the assignee and agent typing', () => {
    const store = new ChatStore();
    store.apply({ type: 'conversation.queued', conversation: conversation({ status: 'queued', assignee: null, queuePosition: 3 }) });
    store.apply({ type: 'queue.updated', conversationId: 'c1', position: 2 });
    expect(store.state.conversation).toMatchObject({ status: 'queued', queuePosition: 2 });
    store.apply({ type: 'conversation.assigned', conversation: conversation() });
    expect(store.state.conversation?.assignee?.name).toBe('Ana');
    store.apply({ type: 'typing.started', conversationId: 'c1', author: { type: 'agent', id: 'a1', name: 'Ana' } });
    expect(store.state.agentTyping).toEqual({ name: 'Ana' });
    store.apply({ type: 'message.created', message: message(1) });
    expect(store.state.agentTyping).toBeNull();
  });

  it('never shows an internal note', () => {
    const store = new ChatStore();
    store.apply({ type: 'message.created', message: message(1, { internal: true, text: 'note' }) });
    expect(store.state.messages).toEqual([]);
  });
});
