/**
 * The database schema (drizzle). Migrations in `apps/server/drizzle` are generated from this file with
 * `pnpm --filter @parley/server db:generate` and committed. Times are epoch milliseconds.
 */
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A store's site: where the widget runs. `key` is public (it is in the embed snippet). */
export const sites = sqliteTable('sites', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** Origins allowed to embed the widget; empty means any. */
  allowedOrigins: text('allowed_origins', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  /** Look of the widget: brand colour, title, greeting, position, z-index (see protocol `siteSettings`). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  /** HMAC key for identity verification (`userHash`); shown to admins only. */
  identitySecret: text('identity_secret'),
  createdAt: integer('created_at').notNull(),
});

/** A shopper, known by a random token (stored as its SHA-256). */
export const visitors = sqliteTable('visitors', {
  id: text('id').primaryKey(),
  siteId: text('site_id').notNull().references(() => sites.id),
  tokenHash: text('token_hash').notNull().unique(),
  name: text('name'),
  email: text('email'),
  /** The store's own id for a logged-in customer, from `identify`. */
  externalId: text('external_id'),
  /** True when `identify` carried a valid userHash for externalId. */
  verified: integer('verified', { mode: 'boolean' }).notNull().default(false),
  /** Custom attributes set by the store (cart value, plan, last order…). */
  attributes: text('attributes', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>().notNull().default(sql`'{}'`),
  userAgent: text('user_agent'),
  locale: text('locale'),
  timezone: text('timezone'),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
});

/** Pages a visitor viewed (the newest few are kept per visitor). */
export const visitorPages = sqliteTable(
  'visitor_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    visitorId: text('visitor_id').notNull().references(() => visitors.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    title: text('title'),
    viewedAt: integer('viewed_at').notNull(),
  },
  (table) => [index('visitor_pages_visitor').on(table.visitorId, table.viewedAt)],
);

/** A person who answers chats. */
export const agents = sqliteTable('agents', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['admin', 'agent'] }).notNull(),
  passwordHash: text('password_hash').notNull(),
  /** Most conversations routing gives this agent at once. */
  capacity: integer('capacity').notNull().default(5),
  /** The availability the agent chose; they count as offline while no console is connected. */
  status: text('status', { enum: ['online', 'away', 'offline'] }).notNull().default('online'),
  lastAssignedAt: integer('last_assigned_at'),
  disabledAt: integer('disabled_at'),
  createdAt: integer('created_at').notNull(),
});

/** A logged-in console. `id` is the SHA-256 of the cookie's secret. */
export const agentSessions = sqliteTable(
  'agent_sessions',
  {
    id: text('id').primaryKey(),
    agentId: text('agent_id').notNull().references(() => agents.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (table) => [index('agent_sessions_agent').on(table.agentId)],
);

/** One chat between a visitor and the store. `lastSeq` numbers its messages. */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id),
    visitorId: text('visitor_id').notNull().references(() => visitors.id),
    /** `offline`: left through the offline form, waiting for an agent (and answered by email). */
    status: text('status', { enum: ['queued', 'open', 'closed', 'offline'] }).notNull(),
    assignedAgentId: text('assigned_agent_id').references(() => agents.id),
    lastSeq: integer('last_seq').notNull().default(0),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    agentDeliveredSeq: integer('agent_delivered_seq').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    /** The newest message's time (the creation time before any): the inbox's Open, Mine and Offline order. */
    lastActivityAt: integer('last_activity_at').notNull().default(0),
    queuedAt: integer('queued_at'),
    assignedAt: integer('assigned_at'),
    closedAt: integer('closed_at'),
    /** The shopper's satisfaction rating after the chat, 1 (bad) to 5 (good). */
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    /** When nobody could answer and the FAQ bot took over (no agent online, closed, or timed out). */
    fallbackAt: integer('fallback_at'),
    fallbackReason: text('fallback_reason', { enum: ['closed', 'nobody_online', 'timeout'] }),
    /** Where the shopper wants the answer, from the offline form: agent replies are emailed there. */
    offlineEmail: text('offline_email'),
  },
  (table) => [
    index('conversations_visitor').on(table.visitorId, table.status),
    index('conversations_status').on(table.status, table.queuedAt),
    index('conversations_assignee').on(table.assignedAgentId, table.status),
    // The Closed view, newest first: read 200 rows off the index instead of sorting every closed chat.
    index('conversations_closed').on(table.status, table.closedAt),
    // The widget's typical wait (the latest 50 assignments of a store), on every availability request.
    index('conversations_site_assigned').on(table.siteId, table.assignedAt),
    // The Offline view, by last activity: offline chats pile up while nobody handles them. Partial, so a live
    // chat's messages (which move last_activity_at) never write to it.
    index('conversations_offline_activity').on(table.status, table.lastActivityAt).where(sql`${table.status} = 'offline'`),
  ],
);

/** Every message, numbered per conversation. A retry with the same client id finds the stored row. */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    conversationId: text('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    clientId: text('client_id'),
    authorType: text('author_type', { enum: ['visitor', 'agent', 'system', 'bot'] }).notNull(),
    authorId: text('author_id'),
    authorName: text('author_name'),
    body: text('body').notNull(),
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    pageUrl: text('page_url'),
    pageTitle: text('page_title'),
    createdAt: integer('created_at').notNull(),
    /** Bot messages: `faq_answer` (with the entry) or `no_match`. */
    botKind: text('bot_kind', { enum: ['faq_answer', 'no_match'] }),
    faqEntryId: text('faq_entry_id'),
  },
  (table) => [
    uniqueIndex('messages_conversation_seq').on(table.conversationId, table.seq),
    uniqueIndex('messages_conversation_client').on(table.conversationId, table.clientId),
  ],
);

/** A label on a conversation (returns, complaints, shipping…), lower-case; the inbox filters by it. */
export const conversationTags = sqliteTable(
  'conversation_tags',
  {
    conversationId: text('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [uniqueIndex('conversation_tags_pair').on(table.conversationId, table.tag), index('conversation_tags_tag').on(table.tag)],
);

/** A saved reply agents insert with `/shortcut`; the body may use `{{visitor.name}}`-style variables. */
export const cannedResponses = sqliteTable('canned_responses', {
  id: text('id').primaryKey(),
  shortcut: text('shortcut').notNull().unique(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** How the console may get an agent's attention; each can be muted. */
export const agentPreferences = sqliteTable('agent_preferences', {
  agentId: text('agent_id').primaryKey().references(() => agents.id, { onDelete: 'cascade' }),
  desktopNotifications: integer('desktop_notifications', { mode: 'boolean' }).notNull().default(true),
  sound: integer('sound', { mode: 'boolean' }).notNull().default(true),
  unreadInTitle: integer('unread_in_title', { mode: 'boolean' }).notNull().default(true),
});

/** A question the store answers the same way every time; used when nobody can answer live. */
export const faqEntries = sqliteTable(
  'faq_entries',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    /** Extra words shoppers might use ("delivery, shipping time, how long"). */
    keywords: text('keywords').notNull().default(''),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (table) => [index('faq_entries_site').on(table.siteId)],
);

/** Every email Parley sends: recorded first, then sent, retried with backoff until it goes or is given up. */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['receipt', 'notification', 'reply', 'transcript'] }).notNull(),
    siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    to: text('to').notNull(),
    replyTo: text('reply_to'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    state: text('state', { enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (table) => [
    index('mail_outbox_due').on(table.state, table.nextAttemptAt),
    // Deleting a conversation (retention, a shopper's erasure) clears this link without reading every mail.
    index('mail_outbox_conversation').on(table.conversationId),
    // The admin's Mail page lists the newest mails.
    index('mail_outbox_created').on(table.createdAt),
  ],
);

/** The offline form's submissions, kept whether accepted or rejected as spam (rejected ones are never emailed). */
export const offlineSubmissions = sqliteTable(
  'offline_submissions',
  {
    id: text('id').primaryKey(),
    siteId: text('site_id').notNull().references(() => sites.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').references(() => visitors.id, { onDelete: 'set null' }),
    conversationId: text('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    ip: text('ip'),
    status: text('status', { enum: ['accepted', 'rejected'] }).notNull(),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
  },
  (table) => [
    index('offline_submissions_site').on(table.siteId, table.createdAt),
    // A shopper's export and erasure, and deleting conversations, find their submissions without a scan.
    index('offline_submissions_visitor').on(table.visitorId),
    index('offline_submissions_conversation').on(table.conversationId),
  ],
);
