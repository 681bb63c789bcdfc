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
    status: text('status', { enum: ['queued', 'open', 'closed'] }).notNull(),
    assignedAgentId: text('assigned_agent_id').references(() => agents.id),
    lastSeq: integer('last_seq').notNull().default(0),
    visitorReadSeq: integer('visitor_read_seq').notNull().default(0),
    agentReadSeq: integer('agent_read_seq').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    queuedAt: integer('queued_at'),
    assignedAt: integer('assigned_at'),
    closedAt: integer('closed_at'),
    /** The shopper's satisfaction rating after the chat, 1 (bad) to 5 (good). */
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
  },
  (table) => [
    index('conversations_visitor').on(table.visitorId, table.status),
    index('conversations_status').on(table.status, table.queuedAt),
    index('conversations_assignee').on(table.assignedAgentId, table.status),
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
  },
  (table) => [
    uniqueIndex('messages_conversation_seq').on(table.conversationId, table.seq),
    uniqueIndex('messages_conversation_client').on(table.conversationId, table.clientId),
  ],
);
