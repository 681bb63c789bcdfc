/** Shapes of the things frames and bodies carry: messages, conversations, agents. */
import { z } from 'zod';
import { MAX_CLIENT_ID_LENGTH, MAX_MESSAGE_LENGTH } from '../limits/limits';

/** A client-generated id: the key that makes retries safe. */
export const clientId = z.string().min(1).max(MAX_CLIENT_ID_LENGTH).regex(/^[A-Za-z0-9_-]+$/);
/** An optional correlation id echoed back in `ok` or `error`. */
export const ref = z.string().min(1).max(MAX_CLIENT_ID_LENGTH).optional();
/** A conversation or record id issued by the server. */
export const recordId = z.string().min(1).max(64);
/** The last message sequence number a client has seen (0 = none). */
export const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** Message text: not blank, at most MAX_MESSAGE_LENGTH characters. */
export const messageText = z
  .string()
  .max(MAX_MESSAGE_LENGTH)
  .refine((text) => text.trim().length > 0, { message: 'Message is empty.' });

/** Where the shopper was when they wrote. */
export const pageContext = z.object({
  url: z.string().max(2048),
  title: z.string().max(512).optional(),
});
export type PageContext = z.infer<typeof pageContext>;

export const authorType = z.enum(['visitor', 'agent', 'system', 'bot']);
export type AuthorType = z.infer<typeof authorType>;

/** One stored message as clients see it. */
export const messageView = z.object({
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  clientId: z.string().nullable(),
  author: z.object({ type: authorType, id: z.string().nullable(), name: z.string().nullable() }),
  text: z.string(),
  /** Internal notes are for agents only; the server never sends them to a visitor. */
  internal: z.boolean(),
  page: pageContext.nullable(),
  createdAt: z.number().int(),
  /** Bot messages: an FAQ answer (with its entry), or `no_match` (the widget offers the offline form). */
  bot: z.object({ kind: z.enum(['faq_answer', 'no_match']), faqEntryId: z.string().nullable() }).nullable().optional(),
});
export type MessageView = z.infer<typeof messageView>;

/** `offline`: the shopper left a message through the offline form; agents answer it (by email too). */
export const conversationStatus = z.enum(['queued', 'open', 'closed', 'offline']);
export type ConversationStatus = z.infer<typeof conversationStatus>;

/** A conversation's current state. `queuePosition` is 1-based while queued, otherwise null. */
export const conversationView = z.object({
  id: z.string(),
  siteId: z.string(),
  visitorId: z.string(),
  status: conversationStatus,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastSeq: z.number().int(),
  queuePosition: z.number().int().nullable(),
  createdAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  /** The shopper's rating once given. */
  rating: z.object({ score: z.number().int().min(1).max(5), comment: z.string().nullable() }).nullable(),
  /** The highest seq an agent's console received, and read: the shopper's delivered and read marks. */
  agentDeliveredSeq: z.number().int().optional(),
  agentReadSeq: z.number().int().optional(),
  /** Set when nobody could answer and the FAQ bot and offline form took over. */
  fallback: z.object({ reason: z.enum(['closed', 'nobody_online', 'timeout']), since: z.number().int() }).nullable().optional(),
  /** Where the shopper asked, in the offline form, to be answered: agents' replies are emailed there. */
  offlineEmail: z.string().nullable().optional(),
});
export type ConversationView = z.infer<typeof conversationView>;

export const agentRole = z.enum(['admin', 'agent']);
export type AgentRole = z.infer<typeof agentRole>;
export const agentStatus = z.enum(['online', 'away', 'offline']);
export type AgentStatus = z.infer<typeof agentStatus>;

/** An agent as the console sees them. */
export const agentView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: agentRole,
  capacity: z.number().int(),
  status: agentStatus,
});
export type AgentView = z.infer<typeof agentView>;

/** Live load of one agent: what routing and transfers look at. */
export const agentPresence = z.object({
  agentId: z.string(),
  name: z.string(),
  status: agentStatus,
  openCount: z.number().int(),
  capacity: z.number().int(),
});
export type AgentPresence = z.infer<typeof agentPresence>;

/** A custom attribute value the store sets on a visitor (`Parley('setAttributes', …)`). */
export const attributeValue = z.union([z.string().max(256), z.number(), z.boolean(), z.null()]);
/** At most 50 attributes, keys of letters, digits, `_`, `-` and `.`. */
export const visitorAttributes = z
  .record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), attributeValue)
  .refine((record) => Object.keys(record).length <= 50, { message: 'At most 50 attributes.' });
export type VisitorAttributes = z.infer<typeof visitorAttributes>;

/** A page the visitor viewed. */
export const pageVisit = z.object({ url: z.string(), title: z.string().nullable(), viewedAt: z.number().int() });
export type PageVisit = z.infer<typeof pageVisit>;

/** Everything an agent sees about a shopper in the sidebar. */
export const visitorProfile = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  externalId: z.string().nullable(),
  /** True only when `identify` carried a valid HMAC userHash. */
  verified: z.boolean(),
  attributes: z.record(z.string(), attributeValue),
  userAgent: z.string().nullable(),
  locale: z.string().nullable(),
  timezone: z.string().nullable(),
  /** Newest first, at most 20. */
  pages: z.array(pageVisit),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
});
export type VisitorProfile = z.infer<typeof visitorProfile>;

/** How the widget looks for a site; the embed tag's attributes override position and locale. */
export const siteSettings = z.object({
  name: z.string().min(1).max(120),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** Panel title; empty means the site name. */
  title: z.string().max(120),
  greeting: z.string().max(500),
  position: z.enum(['right', 'left']),
  zIndex: z.number().int().min(0).max(2147483647),
});
export type SiteSettings = z.infer<typeof siteSettings>;

export const DEFAULT_SITE_SETTINGS: Omit<SiteSettings, 'name'> = {
  brandColor: '#2563eb',
  title: '',
  /** Empty: the widget greets in the shopper's language with its own text. */
  greeting: '',
  position: 'right',
  zIndex: 2147483647,
};
