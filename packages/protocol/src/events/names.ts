/**
 * Every frame type, in one file. Names are dotted: `noun.verb` for what a client asks,
 * `noun.past-tense` for what the server reports.
 */

/** Frames a client (visitor or agent) sends. */
export const COMMANDS = {
  sessionAuth: 'session.auth',
  conversationResume: 'conversation.resume',
  conversationEnd: 'conversation.end',
  conversationRate: 'conversation.rate',
  conversationTranscript: 'conversation.transcript',
  pageView: 'page.view',
  visitorIdentify: 'visitor.identify',
  visitorAttributes: 'visitor.attributes',
  conversationAccept: 'conversation.accept',
  conversationClose: 'conversation.close',
  conversationTransfer: 'conversation.transfer',
  messageSend: 'message.send',
  typingStart: 'typing.start',
  typingStop: 'typing.stop',
  readMark: 'read.mark',
  deliveredMark: 'delivered.mark',
  agentStatus: 'agent.status',
  ping: 'ping',
} as const;

/** Frames the server sends. */
export const EVENTS = {
  sessionReady: 'session.ready',
  ok: 'ok',
  error: 'error',
  pong: 'pong',
  messageAck: 'message.ack',
  messageCreated: 'message.created',
  conversationCreated: 'conversation.created',
  conversationQueued: 'conversation.queued',
  conversationAssigned: 'conversation.assigned',
  conversationClosed: 'conversation.closed',
  conversationRated: 'conversation.rated',
  conversationFallback: 'conversation.fallback',
  conversationOffline: 'conversation.offline',
  conversationReplayed: 'conversation.replayed',
  queueUpdated: 'queue.updated',
  typingStarted: 'typing.started',
  typingStopped: 'typing.stopped',
  readUpdated: 'read.updated',
  deliveryUpdated: 'delivery.updated',
  agentPresence: 'agent.presence',
  visitorUpdated: 'visitor.updated',
} as const;

export type CommandName = (typeof COMMANDS)[keyof typeof COMMANDS];
export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** The conversation lifecycle events; each carries the conversation's current view. */
export const CONVERSATION_EVENTS = [
  EVENTS.conversationCreated,
  EVENTS.conversationQueued,
  EVENTS.conversationAssigned,
  EVENTS.conversationClosed,
  EVENTS.conversationRated,
  EVENTS.conversationFallback,
  EVENTS.conversationOffline,
] as const;
export type ConversationEventName = (typeof CONVERSATION_EVENTS)[number];
