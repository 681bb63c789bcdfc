/**
 * The chat's one store: applies server frames and local actions to `ChatState` and tells subscribers.
 * Messages are keyed by client id (the shopper's) or server id (everyone else's), so a message seen twice
 * (live, replayed, or from another tab) is shown once.
 */
import type { ConversationView, MessageView, ServerEvent } from '@parley/protocol';
import type { ChatMessage, ChatState, ConnectionState, ConversationState } from './types';

export type Listener = (state: ChatState) => void;

export const initialState: ChatState = {
  open: false,
  connection: 'idle',
  conversation: null,
  messages: [],
  agentTyping: null,
  unread: 0,
  availability: null,
  faqResults: null,
  offline: { status: 'idle', email: null },
  transcriptSentTo: null,
};

export class ChatStore {
  private current: ChatState = initialState;
  private readonly listeners = new Set<Listener>();

  get state(): ChatState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(change: Partial<ChatState> | ((state: ChatState) => Partial<ChatState>)): void {
    const patch = typeof change === 'function' ? change(this.current) : change;
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  setConnection(connection: ConnectionState): void {
    if (this.current.connection !== connection) this.update({ connection });
  }

  /** A message the shopper wrote, shown at once as sending. */
  addPending(clientId: string, text: string, createdAt: number): void {
    if (this.current.messages.some((message) => message.key === clientId)) return;
    const message: ChatMessage = {
      key: clientId,
      id: null,
      seq: null,
      author: 'visitor',
      authorName: null,
      text,
      createdAt,
      status: 'sending',
      bot: null,
    };
    this.update((state) => ({ messages: [...state.messages, message] }));
  }

  setStatus(key: string, status: ChatMessage['status']): void {
    this.update((state) => ({
      messages: state.messages.map((message) => (message.key === key ? { ...message, status } : message)),
    }));
  }

  /** Applies one server frame. Returns the agent messages that are new to this tab (for unread/events). */
  apply(frame: ServerEvent): ChatMessage[] {
    switch (frame.type) {
      case 'message.ack':
        this.update((state) => ({
          messages: sortMessages(
            state.messages.map((message) =>
              message.key === frame.clientId
                ? { ...message, id: frame.messageId, seq: frame.seq, createdAt: frame.createdAt, status: keepRead(message.status) }
                : message,
            ),
          ),
        }));
        return [];
      case 'message.created':
        return this.receive(frame.message);
      case 'conversation.created':
      case 'conversation.queued':
      case 'conversation.assigned':
      case 'conversation.closed':
      case 'conversation.rated':
      case 'conversation.fallback':
      case 'conversation.offline':
      case 'conversation.replayed':
        this.setConversation(frame.conversation);
        return [];
      case 'queue.updated':
        this.update((state) =>
          state.conversation?.id === frame.conversationId
            ? { conversation: { ...state.conversation, queuePosition: frame.position } }
            : {},
        );
        return [];
      case 'typing.started':
      case 'typing.stopped':
        if (frame.author.type === 'agent' && frame.conversationId === this.current.conversation?.id) {
          this.update({ agentTyping: frame.type === 'typing.started' ? { name: frame.author.name } : null });
        }
        return [];
      case 'read.updated':
        if (frame.reader === 'agent') {
          this.update((state) => ({
            messages: state.messages.map((message) =>
              message.author === 'visitor' && message.seq !== null && message.seq <= frame.seq
                ? { ...message, status: 'read' }
                : message,
            ),
          }));
        }
        return [];
      default:
        return [];
    }
  }

  private setConversation(view: ConversationView): void {
    const current = this.current.conversation;
    if (current && current.id !== view.id && current.status !== 'closed' && view.status === 'closed') return;
    const conversation: ConversationState = {
      id: view.id,
      status: view.status,
      queuePosition: view.queuePosition,
      assignee: view.assignee ? { name: view.assignee.name } : null,
      rating: view.rating?.score ?? null,
      fallback: view.fallback?.reason ?? null,
    };
    this.update((state) => ({
      conversation,
      agentTyping: view.status === 'closed' ? null : state.agentTyping,
    }));
  }

  private receive(view: MessageView): ChatMessage[] {
    if (view.internal) return [];
    if (this.current.conversation && view.conversationId !== this.current.conversation.id) {
      // A message of an older conversation (e.g. another tab after "start new"): not this transcript.
      if (this.current.conversation.status !== 'closed') return [];
    }
    const key = view.author.type === 'visitor' && view.clientId ? view.clientId : view.id;
    const existing = this.current.messages.find((message) => message.key === key || (view.id && message.id === view.id));
    const message: ChatMessage = {
      key,
      id: view.id,
      seq: view.seq,
      author: view.author.type,
      authorName: view.author.name,
      text: view.text,
      createdAt: view.createdAt,
      status: view.author.type === 'visitor' ? keepRead(existing?.status ?? null) : null,
      bot: view.bot ?? null,
    };
    const others = this.current.messages.filter((m) => m !== existing);
    const fresh = !existing && view.author.type !== 'visitor';
    this.update((state) => ({
      messages: sortMessages([...others, message]),
      agentTyping: view.author.type === 'agent' ? null : state.agentTyping,
      unread: fresh && !state.open ? state.unread + 1 : state.unread,
    }));
    return fresh ? [message] : [];
  }
}

/** Stored messages by seq; the shopper's unsent ones after them, in the order written. */
export function sortMessages(messages: ChatMessage[]): ChatMessage[] {
  const stored = messages.filter((message) => message.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const pending = messages.filter((message) => message.seq === null);
  return [...stored, ...pending];
}

function keepRead(status: ChatMessage['status']): ChatMessage['status'] {
  return status === 'read' ? 'read' : 'sent';
}
