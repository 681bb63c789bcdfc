/**
 * Phase 3's data: visitors with known tokens, closed conversations and their messages, written straight
 * into a copy of Parley's database in one transaction with prepared statements (journal and sync off for
 * seeding only; the file is put back into WAL before the server opens it). Bodies are drawn from a
 * Zipf-like vocabulary so searches hit both common and rare words.
 */
import { sha256 } from './processes.mjs';

const COMMON = ['order', 'shipping', 'delivery', 'size', 'return', 'refund', 'jacket', 'shoes', 'discount', 'payment', 'tracking', 'package',
  'address', 'color', 'stock', 'exchange', 'invoice', 'warranty', 'cart', 'coupon', 'canada', 'express', 'parcel', 'leather', 'cotton',
  'medium', 'large', 'small', 'black', 'white', 'cancel', 'damaged', 'missing', 'receipt', 'gift', 'wrapping', 'weekend', 'monday'];
const FILL = ['hi', 'hello', 'please', 'thanks', 'could', 'you', 'check', 'my', 'the', 'when', 'will', 'it', 'arrive', 'is', 'there', 'a', 'for',
  'can', 'i', 'get', 'still', 'not', 'yet', 'today', 'tomorrow', 'how', 'long', 'does', 'take'];

/** A deterministic PRNG (mulberry32), so two runs seed the same text. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function body(random) {
  const words = [];
  const n = 6 + Math.floor(random() * 10);
  for (let i = 0; i < n; i += 1) {
    const r = random();
    if (r < 0.6) words.push(FILL[Math.floor(random() * FILL.length)]);
    else if (r < 0.95) words.push(COMMON[Math.floor(COMMON.length * random() * random())]); // skewed to the first words
    else words.push(`sku${Math.floor(random() * 100_000)}`); // rare
  }
  return words.join(' ');
}

/** The search terms the phase uses: common, mid, rare, two words, prefix. */
export function searchTerms(random, count) {
  const terms = [];
  for (let i = 0; i < count; i += 1) {
    const kind = i % 5;
    if (kind === 0) terms.push(COMMON[Math.floor(random() * 5)]);
    else if (kind === 1) terms.push(COMMON[10 + Math.floor(random() * (COMMON.length - 10))]);
    else if (kind === 2) terms.push(`sku${Math.floor(random() * 100_000)}`);
    else if (kind === 3) terms.push(`${COMMON[Math.floor(random() * COMMON.length)]} ${COMMON[Math.floor(random() * COMMON.length)]}`);
    else terms.push(COMMON[Math.floor(random() * COMMON.length)].slice(0, 4));
  }
  return terms;
}

/**
 * Seeds `conversations` closed conversations of `perConversation` messages each, visitor `i` owning
 * conversation `${prefix}c${i}` with token `${prefix}${i}`. Returns seconds taken.
 */
export function seedHistory(db, { siteId, agentId, prefix, conversations, perConversation }) {
  const started = Date.now();
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  const random = rng(42);
  const insertVisitor = db.prepare('INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)');
  const insertConversation = db.prepare(
    "INSERT INTO conversations (id, site_id, visitor_id, status, assigned_agent_id, last_seq, created_at, queued_at, assigned_at, closed_at) VALUES (?, ?, ?, 'closed', ?, ?, ?, ?, ?, ?)",
  );
  const insertMessage = db.prepare(
    'INSERT INTO messages (id, conversation_id, seq, client_id, author_type, author_id, author_name, body, internal, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)',
  );
  const t0 = Date.now() - conversations * 60_000;
  db.transaction(() => {
    for (let i = 0; i < conversations; i += 1) {
      const visitorId = `${prefix}v${i}`;
      const conversationId = `${prefix}c${i}`;
      const at = t0 + i * 60_000;
      insertVisitor.run(visitorId, siteId, sha256(`${prefix}${i}`), at, at);
      insertConversation.run(conversationId, siteId, visitorId, agentId, perConversation, at, at, at, at + 50_000);
      for (let seq = 1; seq <= perConversation; seq += 1) {
        const fromVisitor = seq % 2 === 1;
        insertMessage.run(
          `${prefix}m${i}-${seq}`,
          conversationId,
          seq,
          `${prefix}k${seq}`,
          fromVisitor ? 'visitor' : 'agent',
          fromVisitor ? visitorId : agentId,
          fromVisitor ? null : 'Agent 0',
          body(random),
          at + seq * 1000,
        );
      }
    }
    // Index for search the way the server does (messages/search-index.ts), all at once.
    db.exec('INSERT INTO messages_fts(rowid, body) SELECT m.rowid, m.body FROM search_queue q JOIN messages m ON m.rowid = q.message_rowid');
    db.exec('DELETE FROM search_queue');
  })();
  db.pragma('journal_mode = WAL');
  return (Date.now() - started) / 1000;
}
