import type { ConversationView } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { EMPTY_LIVE_STATE, liveReducer, openCountOf } from './live-state';

const conversation = (id: string, status: ConversationView['status'], assignee: string | null = null): ConversationView => ({
  id, siteId: 's', visitorId: `v-${id}`, status, assignee: assignee ? { id: assignee, name: assignee } : null,
  lastSeq: 1, queuePosition: status === 'queued' ? 1 : null, createdAt: 1, closedAt: null, rating: null,
});

describe('live state from the agent socket', () => {
  it('tracks conversations as they are queued, assigned and closed', () => {
    let state = liveReducer(EMPTY_LIVE_STATE, { type: 'session.ready', protocol: 1, conversations: [conversation('a', 'queued')], agents: [] });
    state = liveReducer(state, { type: 'conversation.assigned', conversation: conversation('a', 'open', 'me') });
    state = liveReducer(state, { type: 'conversation.queued', conversation: conversation('b', 'queued') });
    expect(openCountOf(state, 'me')).toBe(1);
    expect(Object.keys(state.active).sort()).toEqual(['a', 'b']);
    state = liveReducer(state, { type: 'conversation.closed', conversation: { ...conversation('a', 'closed', 'me'), closedAt: 5 } });
    expect(Object.keys(state.active)).toEqual(['b']);
    expect(openCountOf(state, 'me')).toBe(0);
  });

  it('shows the shopper typing until they stop or their message arrives, and records their reads', () => {
    const author = { type: 'visitor' as const, id: 'v', name: 'Maya' };
    let state = liveReducer(EMPTY_LIVE_STATE, { type: 'typing.started', conversationId: 'a', author });
    expect(state.typing).toEqual({ a: 'Maya' });
    state = liveReducer(state, {
      type: 'message.created',
      message: { id: 'm', conversationId: 'a', seq: 2, clientId: null, author, text: 'hi', internal: false, page: null, createdAt: 1 },
    });
    expect(state.typing).toEqual({});
    state = liveReducer(state, { type: 'read.updated', conversationId: 'a', reader: 'visitor', seq: 2 });
    expect(state.visitorRead).toEqual({ a: 2 });
  });
});
