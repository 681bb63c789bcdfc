/**
 * Checkpoints that keep the disk out of the event loop and, mostly, out of the commit path.
 *
 * SQLite's own checkpoint runs inside the commit that crosses 1,000 log pages: it fsyncs the log, copies
 * the pages into the database file and fsyncs that file, all on the event loop (10–170 ms on a busy
 * shared disk). Here the group commit calls `run()` instead, at a moment when everything committed is
 * already durable in the log (its own fsync has just finished):
 *
 * 1. A second connection (the pin) opens a read transaction at the end of the log.
 * 2. The copy runs with `synchronous=OFF`: pages go to the database file, nothing waits for the disk.
 * 3. The database file is fsynced on libuv's pool, and only then the pin ends.
 *
 * The pin is what makes step 2 safe: SQLite restarts the log (writes over it from the start) only when no
 * reader is using it, so the pages the copy wrote cannot lose their copy in the log before they are on
 * disk in the file. Meanwhile commits go on, appending to the log.
 *
 * Under continuous load the log would then never restart (something was appended during every fsync), so
 * every such checkpoint is followed by one that holds the group commit while it syncs: it copies only what
 * arrived during the previous fsync, and its short fsync is the only time commits wait. The commit after
 * it restarts the log, which so stays at about one interval's worth of writes.
 */
import Database from 'better-sqlite3';
import { fileSync, type WalSync } from './wal-sync';

export interface CheckpointsOptions {
  /**
   * The least time between two checkpoints (a held one follows each unheld one at once). One a second by
   * default: a page rewritten by many commits is copied (and its fsync paid) once, and commits are held once
   * a second, not five times (measured against 200 ms: half the disk's write time, p99 within noise).
   */
  intervalMs?: number;
  /** Where a failed copy or fsync is reported. Checkpoints then stop: the log grows but stays whole. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

export class Checkpoints {
  private pin: Database.Database | null = null;
  private pinRead: Database.Statement | null = null;
  private running = false;
  private failed = false;
  private heldNext = false;
  private lastAt = -Infinity;
  private changesAtLast = -1;
  private readonly totalChanges: Database.Statement;
  private options: CheckpointsOptions = {};
  /** The log's length in pages at each of the last checkpoints (for tests and metrics). */
  readonly logPages: number[] = [];

  constructor(
    private readonly sqlite: Database.Database,
    private readonly file: string,
    /** How the database file is synced (a test's hand-run sync; by default an fdatasync off the loop). */
    private readonly databaseFile: WalSync = fileSync(file),
  ) {
    this.totalChanges = sqlite.prepare('SELECT total_changes() AS n').pluck();
  }

  /** From now on checkpoints are this object's (SQLite's automatic ones are turned off). */
  takeOver(options: CheckpointsOptions = {}): void {
    this.options = options;
    this.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** A checkpoint's copy or fsync is under way. */
  get inFlight(): boolean {
    return this.running;
  }

  /** Whether `run()` should be called now: none is running, and one is owed or this connection wrote since. */
  due(): boolean {
    if (this.running || this.failed || !this.sqlite.open) return false;
    if (this.heldNext) return true;
    const now = this.now();
    return now - this.lastAt >= (this.options.intervalMs ?? 1000) && this.totalChanges.get() !== this.changesAtLast;
  }

  /**
   * Copies the log into the database file and syncs the file off the event loop; `done` runs after.
   * Call only when every commit so far is durable in the log. Returns true when the caller must not commit
   * until `done` (so the next commit can restart the log).
   */
  run(done: () => void): boolean {
    const held = this.heldNext;
    this.running = true;
    this.lastAt = this.now();
    this.changesAtLast = Number(this.totalChanges.get());
    const pages = this.copy();
    if (pages === null) {
      this.running = false;
      return false;
    }
    this.databaseFile.sync((error) => {
      this.running = false;
      if (error) return this.fail(error, done); // the pin stays: the log keeps what the file may not have
      this.pin?.exec('COMMIT');
      // Nothing was written meanwhile: the server is idle, and the pin's connection need not stay open.
      if (this.totalChanges.get() === this.changesAtLast) this.closePin();
      // Something arrived while the file synced (or this one copied anything): the next one holds commits.
      this.heldNext = !held && pages > 0;
      done();
    });
    return held;
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  /** Closes the pin and the file's descriptor (before the database closes). */
  close(): void {
    this.databaseFile.close();
    this.closePin();
  }

  private closePin(): void {
    if (this.pin?.open) this.pin.close();
    this.pin = null;
  }

  /** Pins the log, then copies it with no fsync; the log's length in pages, or null when it failed. */
  private copy(): number | null {
    const level = Number(this.sqlite.pragma('synchronous', { simple: true }));
    try {
      this.pinned().exec('BEGIN');
      this.pinRead!.get();
      this.sqlite.exec('PRAGMA synchronous = OFF');
      const [result] = this.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
      if (this.logPages.push(result!.log) > 100) this.logPages.shift();
      return result!.log;
    } catch (error) {
      if (this.pin?.inTransaction) this.pin.exec('ROLLBACK');
      this.fail(error, () => {});
      return null;
    } finally {
      this.sqlite.exec(`PRAGMA synchronous = ${level}`);
    }
  }

  private pinned(): Database.Database {
    if (!this.pin) {
      this.pin = new Database(this.file, { fileMustExist: true });
      // Reading the header's user_version opens the read transaction without loading the schema.
      this.pin.pragma('cache_size = 4');
      this.pinRead = this.pin.prepare('PRAGMA user_version');
    }
    return this.pin;
  }

  /**
   * Stops checkpointing. A pin left open keeps the log from restarting, so nothing the file may lack is
   * written over: the log grows, but every commit stays whole (and a failing disk is for the operator).
   */
  private fail(error: unknown, done: () => void): void {
    this.failed = true;
    this.options.onError?.(error);
    done();
  }
}
