/**
 * The store's FAQ: entries per site, and matching a shopper's words against them with SQLite FTS5
 * (porter stemming, bm25 ranking weighted question > keywords > answer). A match must clear a score
 * threshold, so an unrelated question gets no answer rather than a wrong one.
 */
import { and, asc, eq } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import type { Store } from '../store/database';
import { faqEntries } from '../store/schema';

export type FaqEntry = typeof faqEntries.$inferSelect;
export interface FaqInput {
  question: string;
  answer: string;
  keywords?: string;
}
export interface FaqMatch {
  entry: FaqEntry;
  score: number;
}

/**
 * bm25 grows with the size of the FAQ (its IDF is logarithmic in the number of entries), so a raw score
 * means different things for a 6-entry and a 60-entry FAQ. Scores are divided by the IDF of a word found
 * in one entry only: 1.0 is roughly "one rare word matched in the answer column".
 */
function rareTermWeight(entries: number): number {
  const n = Math.max(entries, 3);
  return Math.log((n - 1 + 0.5) / 1.5);
}

/**
 * Normalised scores at or above this count as an answer (see `rareTermWeight`). Measured on 6- and 10-entry
 * shop FAQs: real paraphrases 1.5–3.4 at both sizes, loose overlaps ("shipping cost", "boots") 0.5–1.1.
 */
export const DEFAULT_MATCH_THRESHOLD = 1.4;

/** Below this many entries, matching also counts the shopper's words found in an entry (see `coverage`). */
const SMALL_FAQ = 5;

/** A crude English stem for comparing words ("cards" ~ "card", "shipping" ~ "ship"). */
function stem(word: string): string {
  return word.replace(/(ings?|ed|es|s)$/, '').replace(/(.)\1$/, '$1');
}

const STOPWORDS = new Set(
  `a about an and are as at be but by can could do does did for from have has had how i if in is it its me my of on or our
  please should so that the their them there they this to us was we what when where which who why will with would you your
  hi hello hey thanks thank get got want need know tell`.split(/\s+/),
);

/** The words of `text` worth searching for, at most 12, as FTS5 string literals (never FTS syntax). */
export function searchTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms = [...new Set(words.filter((word) => word.length > 1 && !STOPWORDS.has(word)))];
  return terms.slice(0, 12).map((word) => `"${word}"`);
}

export class Faq {
  private readonly match;
  private readonly size;

  constructor(private readonly store: Store) {
    this.size = store.sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM faq_entries WHERE site_id = ?');
    this.match = store.sqlite.prepare<[string, string, number], { rowid: number; score: number }>(
      `SELECT f.rowid AS rowid, -bm25(faq_fts, 4.0, 3.0, 1.0) AS score
       FROM faq_fts f JOIN faq_entries e ON e.rowid = f.rowid
       WHERE faq_fts MATCH ? AND e.site_id = ? ORDER BY score DESC LIMIT ?`,
    );
  }

  list(siteId: string): FaqEntry[] {
    return this.store.db.select().from(faqEntries).where(eq(faqEntries.siteId, siteId)).orderBy(asc(faqEntries.createdAt)).all();
  }

  create(siteId: string, input: FaqInput, now = Date.now()): FaqEntry {
    const entry: FaqEntry = { id: nanoid(), siteId, question: input.question, answer: input.answer, keywords: input.keywords ?? '', createdAt: now, updatedAt: now };
    this.store.db.insert(faqEntries).values(entry).run();
    return entry;
  }

  update(siteId: string, id: string, input: FaqInput, now = Date.now()): FaqEntry | undefined {
    this.store.db
      .update(faqEntries)
      .set({ question: input.question, answer: input.answer, keywords: input.keywords ?? '', updatedAt: now })
      .where(and(eq(faqEntries.id, id), eq(faqEntries.siteId, siteId)))
      .run();
    return this.store.db.select().from(faqEntries).where(and(eq(faqEntries.id, id), eq(faqEntries.siteId, siteId))).get();
  }

  remove(siteId: string, id: string): boolean {
    return this.store.db.delete(faqEntries).where(and(eq(faqEntries.id, id), eq(faqEntries.siteId, siteId))).run().changes === 1;
  }

  /** Adds many entries in one transaction; returns how many. */
  importAll(siteId: string, inputs: FaqInput[]): number {
    this.store.sqlite.transaction(() => {
      for (const input of inputs) this.create(siteId, input);
    })();
    return inputs.length;
  }

  /** The best entries for `text`, best first, each at or above `threshold`. */
  search(siteId: string, text: string, options: { limit?: number; threshold?: number } = {}): FaqMatch[] {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const rows = this.match.all(terms.join(' OR '), siteId, options.limit ?? 3);
    const threshold = options.threshold ?? DEFAULT_MATCH_THRESHOLD;
    const unit = rareTermWeight(this.size.get(siteId)?.n ?? 0);
    const byRowid = this.store.sqlite.prepare<[number], FaqEntry>(
      `SELECT id, site_id AS siteId, question, answer, keywords, created_at AS createdAt, updated_at AS updatedAt FROM faq_entries WHERE rowid = ?`,
    );
    const entries = this.size.get(siteId)?.n ?? 0;
    return rows
      .map((row) => ({ rowid: row.rowid, score: row.score / unit }))
      .map((row) => (entries < SMALL_FAQ ? { ...row, score: Math.max(row.score, this.coverage(row.rowid, terms)) } : row))
      .sort((a, b) => b.score - a.score)
      .filter((row) => row.score >= threshold)
      .flatMap((row) => {
        const entry = byRowid.get(row.rowid);
        return entry ? [{ entry, score: row.score }] : [];
      });
  }

  /**
   * For a tiny FAQ bm25 says nothing (a word in every entry weighs ~0): score by the share of the shopper's
   * words found in the entry's question and keywords instead: half of them reach the threshold.
   */
  private coverage(rowid: number, terms: string[]): number {
    const entry = this.store.sqlite.prepare<[number], { text: string }>(`SELECT question || ' ' || keywords AS text FROM faq_entries WHERE rowid = ?`).get(rowid);
    if (!entry) return 0;
    const words = new Set((entry.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map(stem));
    const found = terms.filter((term) => words.has(stem(term.slice(1, -1)))).length;
    return (found / terms.length) * 2 * DEFAULT_MATCH_THRESHOLD;
  }

  /** The one entry worth answering with, if any. */
  best(siteId: string, text: string, threshold?: number): FaqMatch | undefined {
    return this.search(siteId, text, { limit: 1, ...(threshold === undefined ? {} : { threshold }) })[0];
  }
}

/** Parses a CSV (question,answer[,keywords] with a header row; quotes as in RFC 4180) into FAQ entries. */
export function parseFaqCsv(csv: string): FaqInput[] {
  const rows = parseCsv(csv);
  const header = rows.shift()?.map((cell) => cell.trim().toLowerCase()) ?? [];
  const at = (name: string) => header.indexOf(name);
  const [q, a, k] = [at('question'), at('answer'), at('keywords')];
  if (q < 0 || a < 0) throw new Error('The CSV needs a header row with "question" and "answer" columns.');
  return rows
    .filter((row) => (row[q] ?? '').trim() && (row[a] ?? '').trim())
    .map((row) => ({ question: row[q]!.trim(), answer: row[a]!.trim(), keywords: k >= 0 ? (row[k] ?? '').trim() : '' }));
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
