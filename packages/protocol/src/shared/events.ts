/**
 * Frames the server sends to visitors and agents. A visitor receives a subset: never internal notes,
 * never agent presence. Clients parse these with `serverEvent`.
 */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../errors/codes';
import { agentPresence, agentView, conversationView, messageView, visitorProfile } from './views';

const errorCode = z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]);
const ref = z.string().optional();

export const sessionReady = z.object({
  type: z.literal('session.ready'),
  protocol: z.number().int(),
  /** Set on the visitor socket. */
  visitorId: z.string().optional(),
  /** Set on the agent socket. */
  agent: agentView.optional(),
  /** Visitor: their conversation that is not closed, if any. Agent: every queued and open one. */
  conversations: z.array(conversationView),
  /** Agent socket only: every agent's load. */
  agents: z.array(agentPresence).optional(),
  ref,
});

export const messageAck = z.object({
  type: z.literal('message.ack'),
  clientId: z.string(),
  messageId: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  createdAt: z.number().int(),
  /** True when this answers a retry of a message already stored. */
  duplicate: z.boolean(),
});

const conversationEvent = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), conversation: conversationView });

const typingEvent = <T extends string>(type: T) =>
  z.object({
    type: z.literal(type),
    conversationId: z.string(),
    author: z.object({ type: z.enum(['visitor', 'agent']), id: z.string(), name: z.string().nullable() }),
  });

export const serverEvent = z.discriminatedUnion('type', [
  sessionReady,
  messageAck,
  z.object({ type: z.literal('ok'), ref: z.string() }),
  z.object({ type: z.literal('error'), code: errorCode, message: z.string(), ref }),
  z.object({ type: z.literal('pong'), ref }),
  z.object({ type: z.literal('message.created'), message: messageView }),
  conversationEvent('conversation.created'),
  conversationEvent('conversation.queued'),
  conversationEvent('conversation.assigned'),
  conversationEvent('conversation.closed'),
  conversationEvent('conversation.rated'),
  /** The FAQ bot and the offline form took over (nobody online, closed, or nobody accepted in time). */
  conversationEvent('conversation.fallback'),
  /** The shopper left a message through the offline form. */
  conversationEvent('conversation.offline'),
  /** Ends a replay; carries the conversation's state now (it may have closed while the client was away). */
  z.object({
    type: z.literal('conversation.replayed'),
    conversationId: z.string(),
    lastSeq: z.number().int(),
    conversation: conversationView,
    ref,
  }),
  z.object({ type: z.literal('queue.updated'), conversationId: z.string(), position: z.number().int() }),
  typingEvent('typing.started'),
  typingEvent('typing.stopped'),
  z.object({
    type: z.literal('read.updated'),
    conversationId: z.string(),
    reader: z.enum(['visitor', 'agent']),
    seq: z.number().int(),
  }),
  /** Visitor only: the store's console received the shopper's messages up to `seq`. */
  z.object({ type: z.literal('delivery.updated'), conversationId: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal('agent.presence'), agent: agentPresence }),
  /** Agents only: a shopper's profile changed (identify, attributes, page view). */
  z.object({ type: z.literal('visitor.updated'), visitor: visitorProfile }),
]);
export type ServerEvent = z.infer<typeof serverEvent>;
/** The server event with the given `type`. */
export type ServerEventOf<T extends ServerEvent['type']> = Extract<ServerEvent, { type: T }>;
