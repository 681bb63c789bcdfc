/**
 * The chat's state and the actions the panel may take: the contract between the chat core (connection,
 * outbox, storage) and the screens. Screens render `ChatState` and call `ChatActions`; nothing else.
 */

/** Where a shopper's own message stands. */
/** sending → sent (stored) → delivered (an agent's console has it) → read; failed when refused. */
export type DeliveryStatus = 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

/** Why the FAQ bot and the offline form took over: closed hours, nobody online, or nobody accepted in time. */
export type FallbackReason = 'closed' | 'nobody_online' | 'timeout';

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
  /**
   * Bot messages: an FAQ answer (show "Did that help? Yes / Talk to a person"), or `no_match` (show the
   * widget's own "nobody can answer right now" text — the stored text is for agents — and offer the form).
   */
  bot: { kind: 'faq_answer' | 'no_match'; faqEntryId: string | null } | null;
}

/** What the shopper sees about the link to the store. */
export type ConnectionState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConversationState {
  id: string;
  /** `offline`: the shopper left a message through the offline form; the answer comes by email. */
  status: 'queued' | 'open' | 'closed' | 'offline';
  /** 1-based while queued. */
  queuePosition: number | null;
  assignee: { name: string } | null;
  /** The rating given, once given. */
  rating: number | null;
  /** Set while the FAQ bot and the offline form stand in for agents. */
  fallback: FallbackReason | null;
}

/** What the store can offer right now, fetched when the panel opens. */
export interface AvailabilityState {
  /** An agent is online and the store is open. */
  live: boolean;
  /** Inside business hours. */
  open: boolean;
  /** Epoch ms of the next opening when closed. */
  nextOpenAt: number | null;
  /** Typical wait for an agent, in seconds, when known. */
  typicalWaitSeconds: number | null;
}

export interface FaqResult {
  id: string;
  question: string;
  answer: string;
}

/** The offline form as the shopper filled it in. */
export interface OfflineForm {
  name: string;
  email: string;
  message: string;
  /** The honeypot field's value (a hidden input people never fill). */
  website: string;
  /** Milliseconds between showing the form and sending it. */
  elapsedMs: number;
}

export interface OfflineState {
  status: 'idle' | 'sending' | 'sent' | 'error';
  /** The address the answer will go to, once sent. */
  email: string | null;
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
  availability: AvailabilityState | null;
  /** Self-service FAQ results for the last search; null before any search. */
  faqResults: FaqResult[] | null;
  offline: OfflineState;
  /** The transcript email was requested (to this address). */
  transcriptSentTo: string | null;
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
  /** Self-service search in the store's FAQ (before or during a chat). */
  searchFaq(query: string): void;
  /** Sends the offline form; `state.offline` follows it. */
  submitOffline(form: OfflineForm): void;
  /** Emails the shopper this conversation. */
  requestTranscript(email: string): void;
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
