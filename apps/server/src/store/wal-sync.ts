/**
 * Makes SQLite's files durable without blocking the event loop: an `fdatasync` on libuv's thread pool.
 *
 * The log (`walSync`): the group commit commits with `synchronous=NORMAL` (the commit writes the log but
 * does not wait for the disk) and acknowledges only once this sync has finished, so an acknowledged message
 * survives power loss exactly as under `synchronous=FULL`, while the next batch is already being stored
 * during the fsync. In WAL mode a transaction is durable once its frames, up to and including the commit
 * frame, are on disk in the log; fsync works on the file, not on a descriptor, so syncing our own
 * descriptor of the `-wal` file flushes what SQLite wrote through its own. The log is never deleted while
 * the database stays open (only the last connection's close removes it), so the descriptor stays valid.
 *
 * The database file itself (`fileSync(file)`): what a checkpoint copied into it (store/checkpoints.ts).
 */
import { close, fdatasync, open } from 'node:fs';

export interface WalSync {
  /** Flushes everything written to the file so far; `done` runs on the event loop once it is on disk. */
  sync(done: (error: Error | null) => void): void;
  /** Closes the descriptor (before the database closes and removes the log). */
  close(): void;
}

/** Syncs the write-ahead log of `databaseFile`. */
export function walSync(databaseFile: string): WalSync {
  return fileSync(`${databaseFile}-wal`);
}

/** Syncs the file at `path`, through a descriptor opened at the first sync and kept until `close()`. */
export function fileSync(path: string): WalSync {
  let fd: number | null = null;
  let closed = false;
  const flush = (descriptor: number, done: (error: Error | null) => void) =>
    fdatasync(descriptor, (error) => done(error ?? null));
  return {
    sync(done) {
      if (closed) return done(new Error('the database is closed'));
      if (fd !== null) return flush(fd, done);
      open(path, 'r', (error, descriptor) => {
        if (error) return done(error);
        if (closed) return close(descriptor, () => done(new Error('the database is closed')));
        if (fd === null) fd = descriptor;
        else close(descriptor, () => {});
        flush(fd, done);
      });
    },
    close() {
      closed = true;
      if (fd !== null) close(fd, () => {});
      fd = null;
    },
  };
}
