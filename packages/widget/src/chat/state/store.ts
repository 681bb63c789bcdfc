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
        if (frame.reader === 'agent' && this.isCurrent(frame.conversationId)) this.mark('read', frame.seq);
        return [];
      case 'delivery.updated':
        if (this.isCurrent(frame.conversationId)) this.mark('delivered', frame.seq);
        return [];
      default:
        return [];
    }
  }

  /** Marks for another conversation (an older one, in another tab) do not apply to this transcript. */
  private isCurrent(conversationId: string): boolean {
    return !this.current.conversation || this.current.conversation.id === conversationId;
  }

  /** Raises the shopper's stored messages up to `seq` to `status`; a status never moves backwards. */
  private mark(status: 'delivered' | 'read', seq: number): void {
    this.update((state) => ({
      messages: state.messages.map((message) =>
        message.author === 'visitor' && message.seq !== null && message.seq <= seq ? { ...message, status: advance(message.status, status) } : message,
      ),
    }));
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
    // After a reload or reconnect the marks come with the conversation, once its messages are back.
    if (view.agentDeliveredSeq) this.mark('delivered', view.agentDeliveredSeq);
    if (view.agentReadSeq) this.mark('read', view.agentReadSeq);
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

const RANK = { failed: 0, sending: 1, sent: 2, delivered: 3, read: 4 } as const;

/** A stored message's status after learning it is at least `to`. */
function advance(status: ChatMessage['status'], to: 'sent' | 'delivered' | 'read'): ChatMessage['status'] {
  return status && RANK[status] > RANK[to] ? status : to;
}

function keepRead(status: ChatMessage['status']): ChatMessage['status'] {
  return advance(status === 'failed' || status === 'sending' ? null : status, 'sent');
}
