/**
 * Group commit: writes queued during one turn of the event loop are stored in one SQLite transaction,
 * each in its own savepoint (so one refused write does not undo the others), and only after that commit
 * does each caller hear its outcome, in order. One fsync then covers many messages instead of one:
 * acknowledgements still come strictly after the commit.
 */
import type Database from 'better-sqlite3';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Pending {
  write: () => unknown;
  done: (outcome: Outcome<unknown>) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  /** How many writes the last batches carried (for tests and metrics). */
  readonly batchSizes: number[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly onCallbackError: (error: unknown) => void = () => {},
  ) {}

  /** Queues `write` (run inside the batch's transaction); `done` gets its outcome after the commit. */
  enqueue<T>(write: () => T, done: (outcome: Outcome<T>) => void): void {
    this.queue.push({ write, done: done as (outcome: Outcome<unknown>) => void });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Stores everything queued now. Runs by itself at the end of the event-loop turn. */
  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    if (this.batchSizes.push(batch.length) > 100) this.batchSizes.shift();
    const outcomes: Outcome<unknown>[] = [];
    try {
      this.sqlite.transaction(() => {
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, value: this.sqlite.transaction(item.write)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      // The commit itself failed: nothing in this batch was stored, and every caller hears so.
      outcomes.length = 0;
      for (let i = 0; i < batch.length; i += 1) outcomes.push({ ok: false, error });
    }
    batch.forEach((item, index) => {
      try {
        item.done(outcomes[index]!);
      } catch (error) {
        this.onCallbackError(error);
      }
    });
  }
}
