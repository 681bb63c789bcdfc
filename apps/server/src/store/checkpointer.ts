/**
 * WAL checkpoints off the event loop while the server is busy. SQLite's automatic checkpoint runs inside
 * the commit that crosses 1,000 log pages: it copies those pages into the database file and fsyncs both
 * files on the main thread, and measured here that stalls 3 % of busy commits for 10–16 ms, which is the
 * whole p99 budget. Under load (many group commits a second) a worker thread with its own connection runs
 * passive checkpoints instead, which never block a writer, and the main connection's automatic checkpoint
 * is turned off. When the load is gone the worker stops (it costs ~10 MiB) and automatic checkpoints come
 * back, so an idle server carries no thread.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Runs in the worker: passive checkpoints every `everyMs` until told to stop. CommonJS, evaluated. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
let timer = null;
const run = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage({ error: String(error) }); }
  timer = setTimeout(run, workerData.everyMs);
};
run();
parentPort.on('message', () => { clearTimeout(timer); db.close(); parentPort.close(); });
`;

export interface CheckpointerOptions {
  /** Group commits per second that count as busy (start the worker). */
  busyCommitsPerSecond?: number;
  /** How long without a group commit before the worker stops. */
  idleMs?: number;
  /** Pause between two passive checkpoints. */
  everyMs?: number;
  onError?: (error: unknown) => void;
}

export class Checkpointer {
  private worker: Worker | null = null;
  private stopping: Promise<void> | null = null;
  private windowStart = 0;
  private commitsInWindow = 0;
  private lastCommit = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly busy: number;
  private readonly idleMs: number;
  private readonly everyMs: number;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly file: string,
    private readonly options: CheckpointerOptions = {},
  ) {
    this.busy = options.busyCommitsPerSecond ?? 50;
    this.idleMs = options.idleMs ?? 30_000;
    this.everyMs = options.everyMs ?? 50;
  }

  /** True while the worker runs the checkpoints. */
  get background(): boolean {
    return this.worker !== null;
  }

  /** Called after each group commit: cheap; starts the worker once commits come fast. */
  noteCommit(now = Date.now()): void {
    this.lastCommit = now;
    if (this.worker || this.stopping) return;
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.commitsInWindow = 0;
    }
    this.commitsInWindow += 1;
    if (this.commitsInWindow >= this.busy) this.start();
  }

  /** Stops the worker and gives checkpoints back to SQLite (before the database closes). */
  stop(): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker) return this.stopping ?? Promise.resolve();
    this.worker = null;
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
    this.stopping = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage('stop');
    }).finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  private start(): void {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: this.file, everyMs: this.everyMs },
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
    });
    worker.unref();
    worker.on('message', (message: { error?: string }) => message.error && this.options.onError?.(new Error(message.error)));
    worker.on('error', (error) => {
      this.options.onError?.(error);
      if (this.worker === worker) this.fallBack();
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.fallBack();
    });
    this.worker = worker;
    this.sqlite.pragma('wal_autocheckpoint = 0');
    this.idleTimer = setInterval(() => {
      if (Date.now() - this.lastCommit >= this.idleMs) void this.stop();
    }, Math.min(this.idleMs, 5000));
    this.idleTimer.unref();
  }

  /** The worker died on its own: SQLite checkpoints by itself again. */
  private fallBack(): void {
    this.worker = null;
    if (this.idleTimer) clearInterval(this.idleTimer);
    this.idleTimer = null;
    if (this.sqlite.open) this.sqlite.pragma('wal_autocheckpoint = 1000');
  }
}
