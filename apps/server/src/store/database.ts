/**
 * Opens Parley's SQLite file with the pragmas the delivery guarantees depend on, and applies the committed
 * migrations. WAL with synchronous=FULL: an acknowledged message survives power loss.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { Checkpoints } from './checkpoints';
import { walSync, type WalSync } from './wal-sync';

export type Db = BetterSQLite3Database<typeof schema>;

/** An open database: drizzle for most queries, the raw handle for prepared hot-path statements. */
export interface Store {
  readonly db: Db;
  readonly sqlite: Database.Database;
  /** Flushes the write-ahead log off the event loop (the group commit acknowledges after it). */
  readonly wal: WalSync;
  /** Checkpoints off the event loop, once the group commit takes them over. */
  readonly checkpoints: Checkpoints;
  close(): void;
}

/**
 * Where the committed migrations live: the nearest `drizzle/` folder above this module, which finds
 * `apps/server/drizzle` both from `src/store/` (tests) and from the bundle in `dist/`.
 */
export function findMigrationsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`No drizzle migrations folder found above ${from}`);
  }
}

export interface OpenOptions {
  migrationsDir?: string;
  /** `FULL` unless a benchmark says otherwise. */
  synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating if needed) the database at `file` and migrates it to the current schema. */
export function openStore(file: string, options: OpenOptions = {}): Store {
  mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // A long read can let the log grow past SQLite's checkpoint size; once checkpointed it is cut back.
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const store = storeOf(sqlite, file);
  migrate(store.db, { migrationsFolder: options.migrationsDir ?? findMigrationsDir() });
  return store;
}

/** The Store around an open connection to `file`: drizzle, the log's sync, checkpoints, and one close. */
export function storeOf(sqlite: Database.Database, file: string): Store {
  const wal = walSync(file);
  const checkpoints = new Checkpoints(sqlite, file);
  return {
    db: drizzle(sqlite, { schema }),
    sqlite,
    wal,
    checkpoints,
    close: () => {
      checkpoints.close();
      wal.close();
      if (sqlite.open) sqlite.close();
    },
  };
}
