/** Test fixtures for the panel: a state builder, spy actions and default settings. Used by tests only. */
import { vi } from 'vitest';
import { initialState } from '../state/store';
import type { ChatActions, ChatMessage, ChatState, ConversationState, WidgetSettings } from '../state/types';

export const settings: WidgetSettings = {
  name: 'Boot Barn',
  brandColor: '#1e3a8a',
  title: 'Chat with Boot Barn',
  greeting: 'Hi! Ask us anything about sizes and shipping.',
  position: 'right',
  zIndex: 1000,
};

/** The store's starting state, open and online, with `patch` on top. */
export function chatState(patch: Partial<ChatState> = {}): ChatState {
  return { ...initialState, open: true, connection: 'online', ...patch };
}

export function conversation(patch: Partial<ConversationState> = {}): ConversationState {
  return { id: 'conv_1', status: 'open', queuePosition: null, assignee: null, rating: null, fallback: null, ...patch };
}

let counter = 0;
export function message(patch: Partial<ChatMessage> = {}): ChatMessage {
  counter += 1;
  const author = patch.author ?? 'visitor';
  return {
    key: `m${counter}`,
    id: `srv${counter}`,
    seq: counter,
    author,
    authorName: author === 'agent' ? 'Ana López' : null,
    text: `message ${counter}`,
    createdAt: Date.UTC(2026, 10, 23, 14, 5),
    status: author === 'visitor' ? 'sent' : null,
    bot: author === 'bot' ? { kind: 'faq_answer', faqEntryId: 'faq_1' } : null,
    ...patch,
  };
}

export function spyActions() {
  return {
    send: vi.fn(),
    setTyping: vi.fn(),
    retry: vi.fn(),
    endChat: vi.fn(),
    rate: vi.fn(),
    startNew: vi.fn(),
    open: vi.fn(),
    close: vi.fn(),
    searchFaq: vi.fn(),
    submitOffline: vi.fn(),
    requestTranscript: vi.fn(),
  } satisfies ChatActions;
}
