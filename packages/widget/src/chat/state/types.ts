/**
 * The chat's state and the actions the panel may take: the contract between the chat core (connection,
 * outbox, storage) and the screens. Screens render `ChatState` and call `ChatActions`; nothing else.
 */

/** Where a shopper's own message stands. */
export type DeliveryStatus = 'sending' | 'sent' | 'read' | 'failed';

export interface ChatMessage {
  /** Stable key for rendering: the client id for the shopper's messages, the server id otherwise. */
  key: string;
  /** Server id once stored. */
  id: string | null;
  seq: number | null;
  author: 'visitor' | 'agent' | 'system' | 'bot';
  authorName: string | null;
  text: string;
  /** Epoch ms: when stored, or when written for a message still in the outbox. */
  createdAt: number;
  /** Only for the shopper's own messages. */
  status: DeliveryStatus | null;
}

/** What the shopper sees about the link to the store. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConversationState {
  id: string;
  status: 'queued' | 'open' | 'closed';
  /** 1-based while queued. */
  queuePosition: number | null;
  assignee: { name: string } | null;
  /** The rating given, once given. */
  rating: number | null;
}

export interface ChatState {
  /** Panel shown. */
  open: boolean;
  connection: ConnectionState;
  /** The current conversation, null before the first message. */
  conversation: ConversationState | null;
  /** In order: stored messages by seq, then the shopper's unsent ones. */
  messages: ChatMessage[];
  /** Set while an agent types. */
  agentTyping: { name: string | null } | null;
  /** Agent messages not yet seen with the panel open. */
  unread: number;
}

export interface ChatActions {
  /** Queues a message in the outbox (survives reloads) and sends it when connected. */
  send(text: string): void;
  /** Call on every keystroke with text present (true) and when the composer empties or sends (false). */
  setTyping(typing: boolean): void;
  retry(key: string): void;
  /** Ends the chat from the shopper's side. */
  endChat(): void;
  rate(score: number, comment?: string): void;
  /** After a closed chat: clears the transcript so the next message starts a new conversation. */
  startNew(): void;
  open(): void;
  close(): void;
}

/** The site's look, from `GET /api/v1/sites/:key/settings` with the embed tag's overrides. */
export interface WidgetSettings {
  name: string;
  brandColor: string;
  title: string;
  greeting: string;
  position: 'right' | 'left';
  zIndex: number;
}
