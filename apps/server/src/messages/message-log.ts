/**
 * The message log: appends numbered messages and reads them back after a seq. Retries are found by
 * their client id, so a message is stored once however often it is sent.
 */
import type { AuthorType, MessageView, PageContext } from '@parley/protocol';
import type Database from 'better-sqlite3';
import { nanoid } from 'nanoid';

interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  authorType: AuthorType;
  authorId: string | null;
  authorName: string | null;
  body: string;
  internal: number;
  pageUrl: string | null;
  pageTitle: string | null;
  createdAt: number;
  botKind: 'faq_answer' | 'no_match' | null;
  faqEntryId: string | null;
}

export interface NewMessage {
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: MessageView['author'];
  text: string;
  internal: boolean;
  page: PageContext | null;
  createdAt: number;
  bot?: MessageView['bot'];
}

const COLUMNS = `m.id, m.conversation_id AS conversationId, m.seq, m.client_id AS clientId,
  m.author_type AS authorType, m.author_id AS authorId, m.author_name AS authorName, m.body, m.internal,
  m.page_url AS pageUrl, m.page_title AS pageTitle, m.created_at AS createdAt, m.bot_kind AS botKind,
  m.faq_entry_id AS faqEntryId`;

export class MessageLog {
  private readonly insert;
  private readonly byClientId;
  private readonly byVisitorClientId;
  private readonly afterSeq;
  private readonly afterSeqPublic;

  constructor(sqlite: Database.Database) {
    this.insert = sqlite.prepare(
      `INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, author_name, body,
        internal, page_url, page_title, created_at, bot_kind, faq_entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byClientId = sqlite.prepare<[string, string], MessageRow>(
      `SELECT ${COLUMNS} FROM messages m WHERE m.conversation_id = ? AND m.client_id = ?`,
    );
    this.byVisitorClientId = sqlite.prepare<[string, string], MessageRow>(
      `SELECT ${COLUMNS} FROM conversations c JOIN messages m ON m.conversation_id = c.id
       WHERE c.visitor_id = ? AND m.client_id = ? AND m.author_type = 'visitor'`,
    );
    this.afterSeq = sqlite.prepare<[string, number, number], MessageRow>(
      `SELECT ${COLUMNS} FROM messages m WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    this.afterSeqPublic = sqlite.prepare<[string, number, number], MessageRow>(
      `SELECT ${COLUMNS} FROM messages m WHERE m.conversation_id = ? AND m.seq > ? AND m.internal = 0
       ORDER BY m.seq LIMIT ?`,
    );
  }

  append(message: NewMessage): MessageView {
    const id = messageId(message.createdAt);
    this.insert.run(
      id,
      message.conversationId,
      message.seq,
      message.clientId,
      message.author.type,
      message.author.id,
      message.author.name,
      message.text,
      message.internal ? 1 : 0,
      message.page?.url ?? null,
      message.page?.title ?? null,
      message.createdAt,
      message.bot?.kind ?? null,
      message.bot?.faqEntryId ?? null,
    );
    return { id, ...message, bot: message.bot ?? null };
  }

  /** A message this conversation already has under `clientId`. */
  findByClientId(conversationId: string, clientId: string): MessageView | undefined {
    const row = this.byClientId.get(conversationId, clientId);
    return row && toView(row);
  }

  /** A message this visitor already sent under `clientId`, in any of their conversations. */
  findVisitorMessage(visitorId: string, clientId: string): MessageView | undefined {
    const row = this.byVisitorClientId.get(visitorId, clientId);
    return row && toView(row);
  }

  /** Up to `limit` messages after `seq`, in order. Visitors never get internal notes. */
  after(conversationId: string, seq: number, options: { includeInternal: boolean; limit: number }): MessageView[] {
    const statement = options.includeInternal ? this.afterSeq : this.afterSeqPublic;
    return statement.all(conversationId, seq, options.limit).map(toView);
  }
}

function toView(row: MessageRow): MessageView {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    author: { type: row.authorType, id: row.authorId, name: row.authorName },
    text: row.body,
    internal: row.internal === 1,
    page: row.pageUrl === null ? null : { url: row.pageUrl, ...(row.pageTitle === null ? {} : { title: row.pageTitle }) },
    createdAt: row.createdAt,
    bot: row.botKind === null ? null : { kind: row.botKind, faqEntryId: row.faqEntryId },
  };
}

/**
 * A message id that sorts by time: the millisecond in base 36, then 12 random characters (21 in all, like
 * a nanoid). New messages then land at the end of the id index instead of on a random page of it: one
 * page less written to the log per message (the ids were a fifth of each commit's random pages).
 */
export function messageId(createdAt: number): string {
  return Math.max(0, Math.floor(createdAt)).toString(36).padStart(9, '0') + nanoid(12);
}
