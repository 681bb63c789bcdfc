/**
 * Opens Parley's SQLite file with the pragmas the delivery guarantees depend on, and applies the committed
 * migrations. WAL with synchronous=FULL: an acknowledged message survives power loss.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

/** An open database: drizzle for most queries, the raw handle for prepared hot-path statements. */
export interface Store {
  readonly db: Db;
  readonly sqlite: Database.Database;
  close(): void;
}

/** Where the committed migrations live, from `src/` in tests and from `dist/` once built. */
export const defaultMigrationsDir = fileURLToPath(new URL('../drizzle', import.meta.url));

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
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: options.migrationsDir ?? defaultMigrationsDir });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
