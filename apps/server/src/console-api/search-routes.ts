/**
 * Transcript search with SQLite FTS5 (porter stemming: "shipping" finds "shipped"). The agent's words are
 * quoted one by one, so FTS syntax in the query is searched for, never interpreted.
 *
 * Hits are ranked by relevance among the newest `SEARCH_CANDIDATES` matching messages. Ranking every
 * match of a common word ("order", "shipping") cost ~1 s on a million messages (bm25 for each of hundreds
 * of thousands of rows); walking the newest matches by rowid is cheap, and recent chats are what an agent
 * looks for. Rare words are unaffected: all their matches are candidates.
 */
import { SEARCH_MARK_END, SEARCH_MARK_START, searchQuery, type SearchHit } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { parseBody } from '../http/parse-body';
import { displayName } from './anonymous-name';
import { agentOf } from './guards';

interface HitRow {
  conversationId: string;
  messageId: string;
  seq: number;
  snippet: string;
  internal: number;
  createdAt: number;
  visitorId: string;
  visitorName: string | null;
  visitorEmail: string | null;
}

/** `"word1" "word2"`: every word must appear; the last may be a prefix. */
export function ftsQuery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return undefined;
  return words.map((word, i) => `"${word}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** How many of the newest matching messages are ranked. */
export const SEARCH_CANDIDATES = 2000;

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  // The rowid of the oldest candidate: FTS5 walks the matches newest first and stops there.
  const oldestCandidate = app.store.sqlite.prepare<[string], { rowid: number }>(
    `SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_CANDIDATES - 1}`,
  );
  const statement = app.store.sqlite.prepare<[string, string, string, number], HitRow>(
    `SELECT m.conversation_id AS conversationId, m.id AS messageId, m.seq, m.internal, m.created_at AS createdAt,
       snippet(messages_fts, 0, ?, ?, '…', 16) AS snippet,
       v.id AS visitorId, v.name AS visitorName, v.email AS visitorEmail
     FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
     JOIN conversations c ON c.id = m.conversation_id JOIN visitors v ON v.id = c.visitor_id
     WHERE messages_fts MATCH ? AND messages_fts.rowid >= ? ORDER BY rank LIMIT 50`,
  );

  app.get('/api/v1/console/search', async (request) => {
    agentOf(request);
    const { q } = parseBody(searchQuery, request.query);
    const match = ftsQuery(q);
    const hits: SearchHit[] = match
      ? statement.all(SEARCH_MARK_START, SEARCH_MARK_END, match, oldestCandidate.get(match)?.rowid ?? 0).map((row) => ({
          conversationId: row.conversationId,
          messageId: row.messageId,
          seq: row.seq,
          snippet: row.snippet,
          internal: row.internal === 1,
          createdAt: row.createdAt,
          visitorName: displayName({ id: row.visitorId, name: row.visitorName, email: row.visitorEmail }),
        }))
      : [];
    return { hits };
  });
}
