/** Frames a shopper's widget sends on the visitor socket. The first one must be `session.auth`. */
import { z } from 'zod';
import { clientId, messageText, pageContext, recordId, ref, seq } from '../shared/views';

export const visitorAuth = z.object({
  type: z.literal('session.auth'),
  /** The visitor token from `POST /api/v1/visitor/sessions`. Never put it in a URL. */
  token: z.string().min(1).max(256),
  protocol: z.number().int(),
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

export const visitorCommand = z.discriminatedUnion('type', [
  visitorAuth,
  visitorResume,
  visitorSend,
  z.object({ type: z.literal('typing.start'), ...conversationTarget }),
  z.object({ type: z.literal('typing.stop'), ...conversationTarget }),
  z.object({ type: z.literal('read.mark'), seq, ...conversationTarget }),
  z.object({ type: z.literal('conversation.end'), ...conversationTarget }),
  z.object({ type: z.literal('ping'), ref }),
]);
export type VisitorCommand = z.infer<typeof visitorCommand>;
export type VisitorSend = z.infer<typeof visitorSend>;
