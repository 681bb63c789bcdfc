/**
 * Transcript search with SQLite FTS5 (porter stemming: "shipping" finds "shipped"). The agent's words are
 * quoted one by one, so FTS syntax in the query is searched for, never interpreted.
 *
 * Hits are ranked by relevance while a query matches at most `SEARCH_CANDIDATES` messages; a word more
 * common than that ("order", "shipping") lists its newest 50 matches instead. Ranking every match of a
 * common word cost ~0.5–1 s on a million messages (bm25 for each of ~100k rows, even within a rowid range);
 * walking the matches newest first stops after 50, and with that many matches recent chats are what an
 * agent is after. New messages are indexed in batches (messages/search-index.ts); a search first indexes
 * whatever is still queued.
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

/** A query with more matches than this lists the newest ones instead of ranking them all. */
export const SEARCH_CANDIDATES = 2000;

const HIT_COLUMNS = `SELECT m.conversation_id AS conversationId, m.id AS messageId, m.seq, m.internal, m.created_at AS createdAt,
       snippet(messages_fts, 0, ?, ?, '…', 16) AS snippet,
       v.id AS visitorId, v.name AS visitorName, v.email AS visitorEmail
     FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid
     JOIN conversations c ON c.id = m.conversation_id JOIN visitors v ON v.id = c.visitor_id
     WHERE messages_fts MATCH ?`;

export async function searchRoutes(app: FastifyInstance): Promise<void> {
  // Cheap: FTS5 walks the matches newest first and stops at the one past the limit.
  const crowded = app.store.sqlite.prepare<[string], { rowid: number }>(
    `SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${SEARCH_CANDIDATES}`,
  );
  const ranked = app.store.sqlite.prepare<[string, string, string], HitRow>(`${HIT_COLUMNS} ORDER BY rank LIMIT 50`);
  const newest = app.store.sqlite.prepare<[string, string, string], HitRow>(`${HIT_COLUMNS} ORDER BY messages_fts.rowid DESC LIMIT 50`);

  app.get('/api/v1/console/search', async (request) => {
    agentOf(request);
    const { q } = parseBody(searchQuery, request.query);
    const match = ftsQuery(q);
    if (match) app.searchIndex.catchUp(); // what was stored in the last moments is found too
    const hits: SearchHit[] = match
      ? (crowded.get(match) ? newest : ranked).all(SEARCH_MARK_START, SEARCH_MARK_END, match).map((row) => ({
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
