/** Frames a shopper's widget sends on the visitor socket. The first one must be `session.auth`. */
import { z } from 'zod';
import { clientId, messageText, pageContext, recordId, ref, seq, visitorAttributes } from '../shared/views';

export const visitorAuth = z.object({
  type: z.literal('session.auth'),
  /** The visitor token from `POST /api/v1/visitor/sessions`. Never put it in a URL. */
  token: z.string().min(1).max(256),
  protocol: z.number().int(),
  /** The browser's language and IANA time zone, shown to agents. */
  locale: z.string().max(35).optional(),
  timezone: z.string().max(64).optional(),
  ref,
});

export const visitorResume = z.object({
  type: z.literal('conversation.resume'),
  conversationId: recordId,
  /** The highest seq this client has; the server replays everything after it from storage. */
  lastSeq: seq,
  ref,
});

export const visitorSend = z.object({
  type: z.literal('message.send'),
  clientId,
  text: messageText,
  /** Omit to write into the visitor's open conversation, or to start one. */
  conversationId: recordId.optional(),
  page: pageContext.optional(),
});

const conversationTarget = { conversationId: recordId, ref };

/** `Parley('identify', …)`: who the shopper is in the store. `userHash` = HMAC-SHA256(site secret, id). */
export const visitorIdentify = z.object({
  type: z.literal('visitor.identify'),
  id: z.string().min(1).max(128).optional(),
  email: z.email().max(254).optional(),
  name: z.string().trim().min(1).max(120).optional(),
  userHash: z.string().regex(/^[0-9a-fA-F]{64}$/).optional(),
  ref,
});

/** After the chat: 1 (bad) to 5 (good), with an optional comment. */
export const visitorRate = z.object({
  type: z.literal('conversation.rate'),
  score: z.number().int().min(1).max(5),
  comment: z.string().max(1000).optional(),
  ...conversationTarget,
});

export const visitorCommand = z.discriminatedUnion('type', [
  visitorAuth,
  visitorResume,
  visitorSend,
  z.object({ type: z.literal('typing.start'), ...conversationTarget }),
  z.object({ type: z.literal('typing.stop'), ...conversationTarget }),
  z.object({ type: z.literal('read.mark'), seq, ...conversationTarget }),
  z.object({ type: z.literal('conversation.end'), ...conversationTarget }),
  z.object({ type: z.literal('ping'), ref }),
  z.object({ type: z.literal('page.view'), page: pageContext, ref }),
  z.object({ type: z.literal('visitor.attributes'), attributes: visitorAttributes, ref }),
  visitorIdentify,
  visitorRate,
  /** Email me this conversation. */
  z.object({ type: z.literal('conversation.transcript'), email: z.email().max(254), ...conversationTarget }),
]);
export type VisitorCommand = z.infer<typeof visitorCommand>;
export type VisitorSend = z.infer<typeof visitorSend>;
