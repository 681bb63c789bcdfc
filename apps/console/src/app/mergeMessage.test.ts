import type { MessageView } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { mergeMessage } from './useConsole';

const message = (seq: number, clientId: string | null, patch: Partial<MessageView> = {}): MessageView => ({
  id: `m${seq}`, conversationId: 'c', seq, clientId, author: { type: 'agent', id: 'a', name: 'Ana' }, text: `t${seq}`, internal: false, page: null, createdAt: seq, ...patch,
});

describe('merging live messages into the transcript', () => {
  it('replaces the pending copy when the stored message arrives, once, in seq order', () => {
    const pending = { ...message(0, 'k1', { id: 'k1', seq: Number.MAX_SAFE_INTEGER }), pending: 'sending' as const };
    let list = mergeMessage([message(1, null)], message(3, null));
    list = [...list, pending];
    list = mergeMessage(list, message(2, 'k1'));
    expect(list.map((m) => [m.seq, m.pending ?? 'stored'])).toEqual([[1, 'stored'], [2, 'stored'], [3, 'stored']]);
    list = mergeMessage(list, message(2, 'k1'));
    expect(list).toHaveLength(3);
  });
});
