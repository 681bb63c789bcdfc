/**
 * Request and response bodies of the console's REST API (`/api/v1/console/…`): inbox listing, conversation
 * detail, tags, canned responses, search, agents admin, site settings and notification preferences.
 */
import { z } from 'zod';
import { agentRole, agentView, conversationView, messageView, siteSettings, visitorProfile } from '../shared/views';

const email = z.email().max(254).transform((value) => value.toLowerCase());
const password = z.string().min(8, 'Use at least 8 characters.').max(256);
const capacity = z.number().int().min(0).max(100);

/** The inbox views: queued, assigned to me, every open one, closed. */
/** The inbox's views; `offline` holds the messages shoppers left through the offline form. */
export const inboxView = z.enum(['waiting', 'mine', 'open', 'closed', 'offline']);
export type InboxView = z.infer<typeof inboxView>;

/** A tag: lower-case letters, digits, spaces, `-` and `_`, 1–32 characters. */
export const tagName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N} _-]{1,32}$/u, 'Use 1–32 letters, digits, spaces, - or _.');

/** One row of the inbox. */
export const conversationSummary = z.object({
  conversation: conversationView,
  visitor: z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    /** The name, else the email, else a friendly anonymous name ("Amber Otter"). */
    displayName: z.string(),
  }),
  lastMessage: z
    .object({ text: z.string(), authorType: z.string(), internal: z.boolean(), createdAt: z.number().int() })
    .nullable(),
  /** When it started waiting (queued), for "waiting for 4 min". */
  queuedAt: z.number().int().nullable(),
  /** Shopper messages the agents have not marked read. */
  unread: z.number().int(),
  tags: z.array(z.string()),
});
export type ConversationSummary = z.infer<typeof conversationSummary>;

/**
 * Inbox counts stop here: `INBOX_COUNT_CAP` means that many or more. Counting every closed chat of a big
 * store on each inbox reload cost milliseconds per 100k; nobody needs the exact number on a tab.
 */
export const INBOX_COUNT_CAP = 1000;

export const inboxCounts = z.object({
  waiting: z.number().int(),
  mine: z.number().int(),
  open: z.number().int(),
  closed: z.number().int(),
  offline: z.number().int(),
  /** My open conversations with shopper messages I have not read (for the tab title). */
  unreadMine: z.number().int(),
});
export type InboxCounts = z.infer<typeof inboxCounts>;

/** `GET /api/v1/console/conversations?view=&tag=` */
export const inboxQuery = z.object({ view: inboxView.default('waiting'), tag: tagName.optional() });
export const inboxResponse = z.object({
  conversations: z.array(conversationSummary),
  counts: inboxCounts,
  /** Every tag in use, for the filter. */
  tags: z.array(z.string()),
});
export type InboxResponse = z.infer<typeof inboxResponse>;

/** `GET /api/v1/console/conversations/:id` */
export const conversationDetail = z.object({
  summary: conversationSummary,
  messages: z.array(messageView),
  visitor: visitorProfile,
  /** The shopper's other conversations, newest first. */
  history: z.array(conversationSummary),
  /** How far the shopper has read (for "read" marks). */
  visitorReadSeq: z.number().int(),
  /** The site the conversation came from (for `{{site.name}}`). */
  site: z.object({ name: z.string() }),
});
export type ConversationDetail = z.infer<typeof conversationDetail>;

/** `POST /api/v1/console/conversations/:id/tags` */
export const addTagRequest = z.object({ tag: tagName });
export const tagsResponse = z.object({ tags: z.array(z.string()) });

/** A canned response. */
export const cannedResponse = z.object({
  id: z.string(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  updatedAt: z.number().int(),
});
export type CannedResponse = z.infer<typeof cannedResponse>;
export const cannedResponseInput = z.object({
  shortcut: z.string().trim().toLowerCase().regex(/^[a-z0-9_-]{1,32}$/, 'Use 1–32 letters, digits, - or _.'),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(4000),
});
export type CannedResponseInput = z.infer<typeof cannedResponseInput>;
export const cannedResponseList = z.object({ cannedResponses: z.array(cannedResponse) });

/** `GET /api/v1/console/search?q=`: `snippet` marks hits with \u0002 … \u0003. */
export const searchQuery = z.object({ q: z.string().trim().min(1).max(200) });
export const searchHit = z.object({
  conversationId: z.string(),
  messageId: z.string(),
  seq: z.number().int(),
  snippet: z.string(),
  internal: z.boolean(),
  createdAt: z.number().int(),
  visitorName: z.string(),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResponse = z.object({ hits: z.array(searchHit) });
export const SEARCH_MARK_START = '\u0002';
export const SEARCH_MARK_END = '\u0003';

/** Agents admin. */
export const agentAdminView = agentView.extend({ disabled: z.boolean(), createdAt: z.number().int() });
export type AgentAdminView = z.infer<typeof agentAdminView>;
export const agentList = z.object({ agents: z.array(agentAdminView) });
export const createAgentRequest = z.object({
  name: z.string().trim().min(1).max(120),
  email,
  role: agentRole,
  capacity: capacity.default(5),
  password,
});
export const updateAgentRequest = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  email: email.optional(),
  role: agentRole.optional(),
  capacity: capacity.optional(),
  disabled: z.boolean().optional(),
});
export const resetPasswordRequest = z.object({ password });
export const changePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: password });
export type CreateAgentRequest = z.infer<typeof createAgentRequest>;
export type UpdateAgentRequest = z.infer<typeof updateAgentRequest>;

/** An origin like `https://shop.example` (no path). */
export const webOrigin = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '');
    } catch {
      return false;
    }
  }, 'Use an origin like https://shop.example')
  .transform((value) => value.replace(/\/$/, ''));

/** `GET|PUT /api/v1/console/settings` (admins). */
export const siteSettingsUpdate = z.object({ settings: siteSettings, allowedOrigins: z.array(webOrigin).max(50) });
export type SiteSettingsUpdate = z.infer<typeof siteSettingsUpdate>;
export const adminSiteSettings = siteSettingsUpdate.extend({ siteKey: z.string(), publicUrl: z.string() });
export type AdminSiteSettings = z.infer<typeof adminSiteSettings>;

/** `GET|PUT /api/v1/console/preferences`: per agent. */
export const notificationPreferences = z.object({
  desktopNotifications: z.boolean(),
  sound: z.boolean(),
  unreadInTitle: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof notificationPreferences>;
