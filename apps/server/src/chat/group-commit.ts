/**
 * Group commit: writes queued during one turn of the event loop are stored in one SQLite transaction,
 * each in its own savepoint (so one refused write does not undo the others), and only once that commit is
 * durable does each caller hear its outcome, in order. One fsync then covers many messages instead of one:
 * acknowledgements still come strictly after the data is on disk.
 *
 * With a `sync` (the store's WAL sync), the transaction commits with `synchronous=NORMAL` and the fsync
 * runs off the event loop. (Not OFF, though it would spare the one fsync left on the event loop, about one a
 * second: the first commit after the log restarts syncs the log's new header before writing any frame over
 * the old ones. Without it, a power cut could leave the old header with some old frames still valid in
 * front of new ones, and SQLite would read pages older than the database file's.)
 *
 * One fsync is in flight at a time. What arrives meanwhile is committed ahead, as the window allows, while
 * the disk is busy: when that fsync ends, the next one starts at once and covers every batch committed since
 * (an fsync flushes the whole log file). A stalled disk then costs a message the stall and one fsync, not
 * also the commit of the big batch that piled up behind it; and the event loop stores what it would
 * otherwise only wait for. Acknowledgements still follow the fsync that covers them,
 * in order. Other writes on the connection keep its own setting (FULL), restored right after each batch.
 *
 * Checkpoints (copying the log into the database file) run here too, between an fsync and the next
 * batch, when everything committed is durable: store/checkpoints.ts does the copy without an fsync and
 * syncs the file off the event loop, so neither the commits nor the event loop wait for it.
 */
import type Database from 'better-sqlite3';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Pending {
  write: () => unknown;
  done: (outcome: Outcome<unknown>) => void;
  /** When it was queued (performance.now()), kept only while an observer listens; else 0. */
  queuedAt: number;
}

/** What one fsync cost, for /metrics: the disk's share and each write's wait. */
export interface BatchReport {
  /** How long the log's fsync took. */
  syncSeconds: number;
  /** For each write it made durable (of one batch or of several committed during the fsync before): from being queued to being durable. */
  waitSeconds: number[];
}

/** What the group commit needs of store/checkpoints.ts. */
export interface CheckpointRunner {
  readonly inFlight: boolean;
  due(): boolean;
  /** Returns true when no commit may start until `done`. */
  run(done: () => void): boolean;
}

type Settled = { pending: Pending; outcome: Outcome<unknown> };

/** A committed batch, waiting for the fsync that makes it durable. */
interface Committed {
  settled: Settled[];
}

export interface GroupCommitOptions {
  /** Makes committed transactions durable, off the event loop. Without it each commit syncs by itself. */
  sync?: (done: (error: Error | null) => void) => void;
  /**
   * The least time between two commits. A busy server then stores what arrives in that window together:
   * each commit rewrites every page it touches, so fewer, larger commits write far less to the log. An
   * idle server commits at once (the window only holds back a commit that follows another closely).
   */
  windowMs?: number;
  /**
   * Checkpoints run between batches, right after an fsync, when everything committed is durable in the log
   * (store/checkpoints.ts). Only with `sync`: otherwise SQLite checkpoints by itself.
   */
  checkpoints?: CheckpointRunner;
  /** Where an exception thrown by a caller's `done` goes (the others still hear theirs). */
  onCallbackError?: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  /** The batches the fsync in flight covers, or null when none is in flight. */
  private syncing: Committed[] | null = null;
  /** Batches committed while that fsync was in flight: the next fsync covers them. */
  private ahead: Committed[] = [];
  /** A checkpoint is due: nothing more is committed ahead, so the next fsync leaves everything durable. */
  private quiescing = false;
  /** A checkpoint holds commits until its fsync is done (so the next commit can restart the log). */
  private holding = false;
  private lastCommitAt = -Infinity;
  private idle: Array<() => void> = [];
  /** Waiting for the fsync in flight: whoever must not show a committed row before it is durable. */
  private afterSync: Array<() => void> = [];
  /** Likewise, for rows committed ahead: they wait for the fsync after the one in flight. */
  private afterNextSync: Array<() => void> = [];
  private ticker: NodeJS.Timeout | null = null;
  private observer: ((report: BatchReport) => void) | null = null;
  /** The connection's own level, restored after each batch (a prepared PRAGMA does not reliably apply). */
  private readonly level: number;
  /** How many writes the last batches carried (for tests and metrics). */
  readonly batchSizes: number[] = [];
  /**
   * The batch's transaction and each write's savepoint, wrapped once: better-sqlite3 builds four wrappers
   * for every `transaction()` it is asked for, which cost more than a small write itself.
   */
  private readonly inTransaction: (batch: Pending[], outcomes: Outcome<unknown>[]) => void;
  private readonly inSavepoint: (write: () => unknown) => unknown;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.level = Number(sqlite.pragma('synchronous', { simple: true }));
    this.inSavepoint = sqlite.transaction((write: () => unknown) => write());
    this.inTransaction = sqlite.transaction((batch: Pending[], outcomes: Outcome<unknown>[]) => {
      for (const item of batch) {
        try {
          outcomes.push({ ok: true, value: this.inSavepoint(item.write) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
    // An idle server checkpoints too (what other writes added to the log); a busy one after each fsync.
    if (options.checkpoints && options.sync) this.ticker = setInterval(() => this.checkpoint(), 250).unref();
  }

  /** Stops the idle checkpoints (after `drain()`, before the database closes). */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  /** Queues `write` (run inside the batch's transaction); `done` gets its outcome once it is durable. */
  enqueue<T>(write: () => T, done: (outcome: Outcome<T>) => void): void {
    const queuedAt = this.observer ? performance.now() : 0;
    this.queue.push({ write, done: done as (outcome: Outcome<unknown>) => void, queuedAt });
    this.schedule();
  }

  /** `enqueue` as a promise: resolves with what `write` returned once it is durable, or rejects with its error. */
  write<T>(write: () => T): Promise<T> {
    return new Promise((resolve, reject) => this.enqueue(write, (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error))));
  }

  /** Tells `observer` what each durable batch cost (with a `sync` only); returns a function that stops it. */
  observe(observer: (report: BatchReport) => void): () => void {
    this.observer = observer;
    return () => {
      if (this.observer === observer) this.observer = null;
    };
  }

  /** Plans the next commit: at the end of this turn, or once the window since the last one has passed. */
  private schedule(): void {
    if (this.scheduled || this.holding || this.queue.length === 0) return;
    if (this.syncing && this.quiescing) return;
    this.scheduled = true;
    const wait = this.lastCommitAt + (this.options.windowMs ?? 0) - performance.now();
    if (wait >= 1) setTimeout(() => this.flush(), wait);
    else setImmediate(() => this.flush());
  }

  /** Stores everything queued now; durable with the next fsync (at once when none is in flight). */
  flush(): void {
    this.scheduled = false;
    if (this.holding || (this.syncing && this.quiescing)) return;
    const batch = this.queue;
    if (batch.length === 0) return this.settle();
    this.queue = [];
    if (this.batchSizes.push(batch.length) > 100) this.batchSizes.shift();
    this.lastCommitAt = performance.now();
    const outcomes = this.commit(batch);
    const settled = batch.map((pending, index) => ({ pending, outcome: outcomes[index]! }));
    if (!this.options.sync) {
      this.report(settled);
      return this.settle();
    }
    if (this.syncing) this.ahead.push({ settled });
    else this.startSync([{ settled }]);
  }

  /** Makes `batches` durable: one fsync, off the event loop; then each caller hears its outcome, in order. */
  private startSync(batches: Committed[]): void {
    this.syncing = batches;
    this.afterSync.push(...this.afterNextSync.splice(0));
    const syncStartedAt = performance.now();
    this.options.sync!((error) => {
      this.syncing = null;
      // Not on disk: nobody may be told it was stored (a retry finds the row and is answered as a duplicate).
      // Nor what was committed ahead of it: the log's frames chain, so they cannot outlast the ones lost.
      if (error) batches.push(...this.ahead.splice(0));
      const waiting = this.afterSync.splice(0);
      if (error) waiting.push(...this.afterNextSync.splice(0));
      // What was committed meanwhile goes to the disk first, so it syncs while these writers hear their outcome.
      const next = this.ahead.splice(0);
      if (next.length > 0) {
        if (this.checkpointDue()) this.quiescing = true;
        this.startSync(next);
      }
      if (!error && this.observer) this.observeSync(batches, syncStartedAt);
      for (const { settled } of batches) {
        this.report(error ? settled.map(({ pending }) => ({ pending, outcome: { ok: false, error } })) : settled);
      }
      if (next.length === 0) {
        this.quiescing = false;
        if (!error) this.checkpoint();
      }
      for (const callback of waiting) callback();
      this.schedule();
      this.settle();
    });
  }

  /**
   * Calls `callback` once everything committed so far is durable: at once unless a batch is committed and
   * not yet durable (a row is visible to reads from its commit, before its fsync ends). Called after that
   * fsync either way.
   */
  whenDurable(callback: () => void): void {
    if (this.ahead.length > 0) this.afterNextSync.push(callback);
    else if (this.syncing) this.afterSync.push(callback);
    else callback();
  }

  /** Resolves once everything queued so far is stored, durable and reported (before the database closes). */
  drain(): Promise<void> {
    const drained = new Promise<void>((resolve) => this.idle.push(resolve));
    this.flush();
    return drained;
  }

  /**
   * Runs a checkpoint if one is due, now that everything committed is durable: with no batch in flight,
   * and every 250 ms when idle, so writes outside the group commit are checkpointed too.
   */
  checkpoint(): void {
    const checkpoints = this.options.checkpoints;
    if (!checkpoints || !this.options.sync || this.syncing || this.ahead.length > 0 || this.holding) return;
    try {
      if (!checkpoints.due()) return;
      const hold = checkpoints.run(() => {
        this.holding = false;
        this.schedule();
        this.settle();
      });
      if (hold && checkpoints.inFlight) this.holding = true;
    } catch (error) {
      this.options.onCallbackError?.(error); // the commits go on; the log only grows until the next one
    }
  }

  /** Whether a checkpoint is owed (asked only while batches wait for an fsync). */
  private checkpointDue(): boolean {
    try {
      return this.options.checkpoints?.due() ?? false;
    } catch (error) {
      this.options.onCallbackError?.(error);
      return false;
    }
  }

  private observeSync(batches: Committed[], syncStartedAt: number): void {
    const now = performance.now();
    const waitSeconds = batches.flatMap(({ settled }) =>
      settled.filter(({ pending }) => pending.queuedAt > 0).map(({ pending }) => (now - pending.queuedAt) / 1000),
    );
    try {
      this.observer?.({ syncSeconds: (now - syncStartedAt) / 1000, waitSeconds });
    } catch (error) {
      this.options.onCallbackError?.(error);
    }
  }

  private settle(): void {
    if (this.syncing || this.ahead.length > 0 || this.holding || this.queue.length > 0 || this.options.checkpoints?.inFlight) return;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private commit(batch: Pending[]): Outcome<unknown>[] {
    const outcomes: Outcome<unknown>[] = [];
    if (this.options.sync) this.sqlite.exec('PRAGMA synchronous = NORMAL');
    try {
      this.inTransaction(batch, outcomes);
    } catch (error) {
      // The commit itself failed: nothing in this batch was stored, and every caller hears so.
      return batch.map(() => ({ ok: false, error }));
    } finally {
      if (this.options.sync) this.sqlite.exec(`PRAGMA synchronous = ${this.level}`);
    }
    return outcomes;
  }

  private report(settled: Settled[]): void {
    for (const { pending, outcome } of settled) {
      try {
        pending.done(outcome);
      } catch (error) {
        this.options.onCallbackError?.(error);
      }
    }
  }
}
