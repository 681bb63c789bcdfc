/**
 * Keeps transcript search (FTS5 `messages_fts`) in step with `messages` in batches: new messages wait in
 * `search_queue` (filled by a trigger, migration 0008) and are indexed three hundred at a time five times
 * a second, inside the group commit, and all at once before a search runs. One FTS5 segment per batch
 * instead of one per message commit: that was most of what each commit wrote under load.
 */
import type Database from 'better-sqlite3';
import type { GroupCommit } from '../chat/group-commit';

/** Messages indexed per batch in the background (a few milliseconds of work). */
const BATCH = 300;

/**
 * Indexes the queued messages up to a rowid. CROSS JOIN keeps the queue as the outer loop: with a plain
 * JOIN SQLite carries `<= ?` over to `m.rowid` and walks every message ever stored up to the batch's end,
 * looking each up in the queue, so a batch cost time in proportion to the whole history (34 ms per 300
 * messages at 120k stored, and growing).
 */
export const INDEX_QUEUED = `INSERT INTO messages_fts(rowid, body)
  SELECT m.rowid, m.body FROM search_queue q CROSS JOIN messages m ON m.rowid = q.message_rowid WHERE q.message_rowid <= ?`;

export class SearchIndex {
  private readonly oldest: Database.Statement<[number], { upTo: number | null; n: number }>;
  private readonly index: Database.Statement<[number]>;
  private readonly forget: Database.Statement<[number]>;
  private readonly any: Database.Statement<[], { one: number }>;
  private timer: NodeJS.Timeout | null = null;
  private queued = false;

  constructor(private readonly sqlite: Database.Database) {
    this.oldest = sqlite.prepare(
      'SELECT max(message_rowid) AS upTo, count(*) AS n FROM (SELECT message_rowid FROM search_queue ORDER BY message_rowid LIMIT ?)',
    );
    this.index = sqlite.prepare(INDEX_QUEUED);
    this.forget = sqlite.prepare('DELETE FROM search_queue WHERE message_rowid <= ?');
    this.any = sqlite.prepare('SELECT 1 AS one FROM search_queue LIMIT 1');
  }

  /** Indexes the oldest `limit` queued messages; returns how many. Call inside a transaction. */
  indexQueued(limit: number): number {
    const { upTo, n } = this.oldest.get(limit)!;
    if (upTo === null) return 0;
    this.index.run(upTo);
    this.forget.run(upTo);
    return n;
  }

  /** Indexes everything queued, now (before a search). */
  catchUp(): void {
    if (!this.any.get()) return;
    this.sqlite.transaction(() => {
      while (this.indexQueued(5000) === 5000);
    })();
  }

  /** Indexes in the background, through `commits`, every `everyMs` while messages are queued. */
  start(commits: GroupCommit, everyMs = 200, onError: (error: unknown) => void = () => {}): void {
    const tick = () => {
      if (this.queued || !this.any.get()) return;
      this.queued = true;
      commits.enqueue(
        () => this.indexQueued(BATCH),
        (outcome) => {
          this.queued = false;
          if (!outcome.ok) onError(outcome.error);
          else if (outcome.value === BATCH && this.timer) tick(); // more waiting: the next batch right away
        },
      );
    };
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
