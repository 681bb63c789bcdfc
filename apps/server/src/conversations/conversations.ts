/**
 * Conversation records: creation, state changes and queue order. Prepared statements, because every
 * message looks its conversation up. State changes are conditional updates, so two racing calls cannot
 * both win.
 */
import type { ConversationStatus, ConversationView } from '@parley/protocol';
import type Database from 'better-sqlite3';
import { nanoid } from 'nanoid';

export interface Conversation {
  id: string;
  siteId: string;
  visitorId: string;
  status: ConversationStatus;
  assignedAgentId: string | null;
  assigneeName: string | null;
  lastSeq: number;
  visitorReadSeq: number;
  agentReadSeq: number;
  agentDeliveredSeq: number;
  createdAt: number;
  queuedAt: number | null;
  assignedAt: number | null;
  closedAt: number | null;
  rating: number | null;
  ratingComment: string | null;
  fallbackAt: number | null;
  fallbackReason: 'closed' | 'nobody_online' | 'timeout' | null;
  offlineEmail: string | null;
}

const COLUMNS = `c.id, c.site_id AS siteId, c.visitor_id AS visitorId, c.status,
  c.assigned_agent_id AS assignedAgentId, a.name AS assigneeName, c.last_seq AS lastSeq,
  c.visitor_read_seq AS visitorReadSeq, c.agent_read_seq AS agentReadSeq, c.agent_delivered_seq AS agentDeliveredSeq, c.created_at AS createdAt,
  c.queued_at AS queuedAt, c.assigned_at AS assignedAt, c.closed_at AS closedAt, c.rating,
  c.rating_comment AS ratingComment, c.fallback_at AS fallbackAt, c.fallback_reason AS fallbackReason,
  c.offline_email AS offlineEmail
  FROM conversations c LEFT JOIN agents a ON a.id = c.assigned_agent_id`;

export class Conversations {
  private readonly byId;
  private readonly activeOfVisitor;
  private readonly insert;
  private readonly bumpSeq;
  private readonly assignQueued;
  private readonly reassignOpen;
  private readonly closeActive;
  private readonly queued;
  private readonly position;
  private readonly active;
  private readonly openCount;
  private readonly visitorRead;
  private readonly agentRead;
  private readonly rate;
  private readonly delivered;
  private readonly fallback;
  private readonly offline;
  private readonly stale;

  constructor(sqlite: Database.Database) {
    this.byId = sqlite.prepare<[string], Conversation>(`SELECT ${COLUMNS} WHERE c.id = ?`);
    this.activeOfVisitor = sqlite.prepare<[string], Conversation>(
      `SELECT ${COLUMNS} WHERE c.visitor_id = ? AND c.status != 'closed' ORDER BY c.created_at DESC LIMIT 1`,
    );
    this.insert = sqlite.prepare(
      `INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_activity_at, queued_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
    );
    this.bumpSeq = sqlite.prepare<[number, string], { lastSeq: number }>(
      `UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = max(last_activity_at, ?) WHERE id = ? RETURNING last_seq AS lastSeq`,
    );
    this.assignQueued = sqlite.prepare(
      `UPDATE conversations SET status = 'open', assigned_agent_id = ?, assigned_at = ? WHERE id = ? AND status IN ('queued', 'offline')`,
    );
    this.fallback = sqlite.prepare(
      `UPDATE conversations SET fallback_at = ?, fallback_reason = ? WHERE id = ? AND status = 'queued' AND fallback_at IS NULL`,
    );
    this.offline = sqlite.prepare(
      `UPDATE conversations SET offline_email = ?,
        status = CASE WHEN status IN ('queued', 'offline') THEN 'offline' ELSE status END WHERE id = ?`,
    );
    this.stale = sqlite.prepare<[number], Conversation>(
      `SELECT ${COLUMNS} WHERE c.status = 'queued' AND c.fallback_at IS NULL AND c.queued_at <= ? ORDER BY c.queued_at`,
    );
    this.reassignOpen = sqlite.prepare(
      `UPDATE conversations SET assigned_agent_id = ?, assigned_at = ? WHERE id = ? AND status = 'open'`,
    );
    this.closeActive = sqlite.prepare(
      `UPDATE conversations SET status = 'closed', closed_at = ? WHERE id = ? AND status != 'closed'`,
    );
    this.queued = sqlite.prepare<[], Conversation>(
      `SELECT ${COLUMNS} WHERE c.status = 'queued' ORDER BY c.queued_at, c.id`,
    );
    this.position = sqlite.prepare<[string, number, number, string], { n: number }>(
      `SELECT count(*) AS n FROM conversations WHERE site_id = ? AND status = 'queued'
       AND (queued_at < ? OR (queued_at = ? AND id <= ?))`,
    );
    this.active = sqlite.prepare<[number], Conversation>(
      `SELECT ${COLUMNS} WHERE c.status IN ('queued', 'open', 'offline') ORDER BY c.created_at DESC LIMIT ?`,
    );
    this.openCount = sqlite.prepare<[string], { n: number }>(
      `SELECT count(*) AS n FROM conversations WHERE assigned_agent_id = ? AND status = 'open'`,
    );
    this.visitorRead = sqlite.prepare(
      `UPDATE conversations SET visitor_read_seq = max(visitor_read_seq, min(?, last_seq)) WHERE id = ?`,
    );
    this.delivered = sqlite.prepare<[number, string, number], { seq: number }>(
      `UPDATE conversations SET agent_delivered_seq = min(?, last_seq) WHERE id = ? AND agent_delivered_seq < min(?, last_seq)
       RETURNING agent_delivered_seq AS seq`,
    );
    this.rate = sqlite.prepare(`UPDATE conversations SET rating = ?, rating_comment = ? WHERE id = ? AND status = 'closed'`);
    this.agentRead = sqlite.prepare(
      `UPDATE conversations SET agent_read_seq = max(agent_read_seq, min(?, last_seq)) WHERE id = ?`,
    );
  }

  get(id: string): Conversation | undefined {
    return this.byId.get(id);
  }

  /** The visitor's newest conversation that is not closed. */
  activeOf(visitorId: string): Conversation | undefined {
    return this.activeOfVisitor.get(visitorId);
  }

  /** A new conversation waits in the queue until routing assigns it. */
  create(siteId: string, visitorId: string, now: number): string {
    const id = nanoid();
    this.insert.run(id, siteId, visitorId, now, now, now);
    return id;
  }

  /** Takes the next message number for a message written `at`. Call inside the transaction that stores it. */
  nextSeq(id: string, at: number): number {
    const row = this.bumpSeq.get(at, id);
    if (!row) throw new Error(`conversation ${id} vanished`);
    return row.lastSeq;
  }

  /** Marks that the FAQ bot and offline form took over. False if it already had, or is no longer waiting. */
  setFallback(id: string, reason: 'closed' | 'nobody_online' | 'timeout', now: number): boolean {
    return this.fallback.run(now, reason, id).changes === 1;
  }

  /**
   * The shopper left a message through the offline form: a waiting conversation becomes `offline` (it waits
   * for an agent, who answers by email); one already with an agent keeps its state but learns the email.
   */
  markOffline(id: string, email: string): boolean {
    return this.offline.run(email, id).changes === 1;
  }

  /** Queued conversations nobody took since `cutoff`, not yet handed to the fallback. */
  waitingSince(cutoff: number): Conversation[] {
    return this.stale.all(cutoff);
  }

  /** Assigns a queued (or offline) conversation. False when it was taken or closed. */
  assign(id: string, agentId: string, now: number): boolean {
    return this.assignQueued.run(agentId, now, id).changes === 1;
  }

  /** Moves an open conversation to another agent. False when it is not open. */
  reassign(id: string, agentId: string, now: number): boolean {
    return this.reassignOpen.run(agentId, now, id).changes === 1;
  }

  /** False when it was already closed. */
  close(id: string, now: number): boolean {
    return this.closeActive.run(now, id).changes === 1;
  }

  /** Every queued conversation, oldest first. */
  queue(): Conversation[] {
    return this.queued.all();
  }

  /** 1-based place in its site's queue. */
  queuePosition(conversation: Conversation): number {
    const queuedAt = conversation.queuedAt ?? conversation.createdAt;
    return this.position.get(conversation.siteId, queuedAt, queuedAt, conversation.id)?.n ?? 1;
  }

  /** Queued and open conversations, newest first. */
  listActive(limit = 500): Conversation[] {
    return this.active.all(limit);
  }

  openCountOf(agentId: string): number {
    return this.openCount.get(agentId)?.n ?? 0;
  }

  /** Stores the shopper's rating. False unless the conversation is closed. */
  setRating(id: string, score: number, comment: string | null): boolean {
    return this.rate.run(score, comment, id).changes === 1;
  }

  /** Raises the delivered mark: the new mark, or null when it did not move. */
  markDelivered(id: string, seq: number): number | null {
    return this.delivered.get(seq, id, seq)?.seq ?? null;
  }

  markRead(id: string, reader: 'visitor' | 'agent', seq: number): void {
    (reader === 'visitor' ? this.visitorRead : this.agentRead).run(seq, id);
  }

  view(conversation: Conversation): ConversationView {
    return {
      id: conversation.id,
      siteId: conversation.siteId,
      visitorId: conversation.visitorId,
      status: conversation.status,
      assignee:
        conversation.assignedAgentId === null
          ? null
          : { id: conversation.assignedAgentId, name: conversation.assigneeName ?? '' },
      lastSeq: conversation.lastSeq,
      agentDeliveredSeq: Math.max(conversation.agentDeliveredSeq, conversation.agentReadSeq),
      agentReadSeq: conversation.agentReadSeq,
      queuePosition: conversation.status === 'queued' ? this.queuePosition(conversation) : null,
      createdAt: conversation.createdAt,
      closedAt: conversation.closedAt,
      rating: conversation.rating === null ? null : { score: conversation.rating, comment: conversation.ratingComment },
      fallback:
        conversation.fallbackAt === null || conversation.fallbackReason === null
          ? null
          : { reason: conversation.fallbackReason, since: conversation.fallbackAt },
      offlineEmail: conversation.offlineEmail,
    };
  }
}
