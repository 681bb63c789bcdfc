/**
 * The inbox read model: conversation summaries (shopper, last message, unread, tags) for the views
 * (waiting, mine, open, closed, and offline: messages left through the offline form), their counts, and one
 * conversation's detail with the shopper's profile and earlier conversations.
 */
import { INBOX_COUNT_CAP, type ConversationDetail, type ConversationSummary, type InboxCounts, type InboxView } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../errors/parley-error';
import { MessageLog } from '../messages/message-log';
import { getSite } from '../sites/sites';
import { visitorProfile } from '../visitors/profile';
import { displayName } from './anonymous-name';

interface SummaryRow {
  id: string;
  visitorId: string;
  visitorName: string | null;
  visitorEmail: string | null;
  lastMessage: string | null;
  unread: number;
  tags: string;
}

const LIST_LIMIT = 200;
const SELECT = `SELECT c.id, v.id AS visitorId, v.name AS visitorName, v.email AS visitorEmail,
  (SELECT json_object('text', m.body, 'authorType', m.author_type, 'internal', m.internal, 'createdAt', m.created_at)
     FROM messages m WHERE m.conversation_id = c.id
     AND NOT (m.internal = 1 AND m.author_type IN ('bot', 'system')) AND m.bot_kind IS NOT 'no_match'
     ORDER BY m.seq DESC LIMIT 1) AS lastMessage,
  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.author_type = 'visitor'
     AND m.seq > c.agent_read_seq) AS unread,
  (SELECT json_group_array(tag) FROM (SELECT t.tag FROM conversation_tags t WHERE t.conversation_id = c.id ORDER BY t.tag)) AS tags
  FROM conversations c JOIN visitors v ON v.id = c.visitor_id`;
const TAG_FILTER = `EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = @tag)`;

/** One count per view, each off an index (a single pass with FILTERs read every conversation ever), capped. */
const upToCap = (where: string) => `(SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE ${where} LIMIT ${INBOX_COUNT_CAP}))`;
const COUNTS = `SELECT ${upToCap(`c.status = 'queued'`)} AS waiting,
  ${upToCap(`c.assigned_agent_id = @agentId AND c.status = 'open'`)} AS mine,
  ${upToCap(`c.status = 'open'`)} AS open,
  ${upToCap(`c.status = 'closed'`)} AS closed,
  ${upToCap(`c.status = 'offline'`)} AS offline,
  ${upToCap(`c.assigned_agent_id = @agentId AND c.status = 'open' AND EXISTS (SELECT 1 FROM messages m
    WHERE m.conversation_id = c.id AND m.author_type = 'visitor' AND m.seq > c.agent_read_seq)`)} AS unreadMine`;

/** Every tag in use: hops from one tag to the next along the index (DISTINCT read every tagged row). */
const TAGS = `WITH RECURSIVE next(tag) AS (
  SELECT min(tag) FROM conversation_tags
  UNION ALL SELECT (SELECT min(tag) FROM conversation_tags WHERE tag > next.tag) FROM next WHERE next.tag IS NOT NULL
) SELECT tag FROM next WHERE tag IS NOT NULL`;

const VIEWS: Record<InboxView, { where: string; order: string }> = {
  waiting: { where: `c.status = 'queued'`, order: `c.queued_at ASC, c.id` },
  mine: { where: `c.status = 'open' AND c.assigned_agent_id = @agentId`, order: `c.last_activity_at DESC` },
  open: { where: `c.status = 'open'`, order: `c.last_activity_at DESC` },
  closed: { where: `c.status = 'closed'`, order: `c.closed_at DESC` },
  offline: { where: `c.status = 'offline'`, order: `c.last_activity_at DESC` },
};

export class Inbox {
  private readonly messages: MessageLog;

  /** Both run on every inbox reload (up to four a second per console): prepared once. */
  private readonly countsQuery;
  private readonly tagsQuery;

  constructor(private readonly app: FastifyInstance) {
    this.messages = new MessageLog(app.store.sqlite);
    this.countsQuery = app.store.sqlite.prepare<{ agentId: string }, InboxCounts>(COUNTS);
    this.tagsQuery = app.store.sqlite.prepare<[], { tag: string }>(TAGS);
  }

  list(view: InboxView, agentId: string, tag?: string): ConversationSummary[] {
    const { where, order } = VIEWS[view];
    const sql = `${SELECT} WHERE ${where}${tag ? ` AND ${TAG_FILTER}` : ''} ORDER BY ${order} LIMIT ${LIST_LIMIT}`;
    const rows = this.app.store.sqlite.prepare<Record<string, string>, SummaryRow>(sql).all({ agentId, ...(tag ? { tag } : {}) });
    return rows.flatMap((row) => this.summary(row) ?? []);
  }

  /** Counts per view, each read off an index and stopping at INBOX_COUNT_CAP (a big store's closed chats). */
  counts(agentId: string): InboxCounts {
    return this.countsQuery.get({ agentId })!;
  }

  /** Every tag in use, alphabetically. */
  tags(): string[] {
    return this.tagsQuery.all().map((row) => row.tag);
  }

  summaryOf(conversationId: string): ConversationSummary | undefined {
    const row = this.app.store.sqlite.prepare<[string], SummaryRow>(`${SELECT} WHERE c.id = ?`).get(conversationId);
    return row && this.summary(row);
  }

  detail(conversationId: string): ConversationDetail {
    const conversation = this.app.conversations.get(conversationId);
    const summary = this.summaryOf(conversationId);
    if (!conversation || !summary) throw new ParleyError('conversation_not_found');
    const visitor = visitorProfile(this.app.store, conversation.visitorId);
    if (!visitor) throw new ParleyError('conversation_not_found');
    const history = this.app.store.sqlite
      .prepare<[string, string], SummaryRow>(`${SELECT} WHERE c.visitor_id = ? AND c.id != ? ORDER BY c.created_at DESC LIMIT 20`)
      .all(conversation.visitorId, conversation.id)
      .flatMap((row) => this.summary(row) ?? []);
    return {
      summary,
      messages: this.messages.after(conversation.id, 0, { includeInternal: true, limit: 2000 }),
      visitor,
      history,
      visitorReadSeq: conversation.visitorReadSeq,
      site: { name: getSite(this.app.store, conversation.siteId)?.name ?? '' },
    };
  }

  private summary(row: SummaryRow): ConversationSummary | undefined {
    const conversation = this.app.conversations.get(row.id);
    if (!conversation) return undefined;
    const last = row.lastMessage ? (JSON.parse(row.lastMessage) as { text: string; authorType: string; internal: number; createdAt: number }) : null;
    return {
      conversation: this.app.conversations.view(conversation),
      visitor: {
        id: row.visitorId,
        name: row.visitorName,
        email: row.visitorEmail,
        displayName: displayName({ id: row.visitorId, name: row.visitorName, email: row.visitorEmail }),
      },
      lastMessage: last ? { ...last, internal: last.internal === 1 } : null,
      queuedAt: conversation.status === 'queued' ? conversation.queuedAt : null,
      unread: row.unread,
      tags: JSON.parse(row.tags) as string[],
    };
  }
}
