/** How data commands find and open the database: PARLEY_DATA_DIR (or `--data-dir`), like `serve`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config/config';
import { openStore, storeOf, type Store } from '../store/database';
import { CommandError, type CliIo } from './command';

export const DATA_DIR_HELP = '  --data-dir DIR   the folder of parley.db (default: $PARLEY_DATA_DIR, else ./data)';

/** The database file the server would use with this environment. */
export function databaseFile(io: CliIo, dataDir: string | undefined): string {
  const config = loadConfig({ ...io.env, ...(dataDir ? { PARLEY_DATA_DIR: dataDir } : {}) }, io.cwd);
  return join(config.dataDir, 'parley.db');
}

/** Opens the database, creating and migrating it as `serve` would. */
export function openMigrated(file: string): Store {
  return openStore(file);
}

/** Opens an existing database as it is (no migrations): for commands that must not change its schema. */
export function openExisting(file: string): Store {
  if (!existsSync(file)) throw new CommandError(`No database at ${file}. Set PARLEY_DATA_DIR (or --data-dir) to the server's data folder.`);
  const sqlite = new Database(file, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return storeOf(sqlite, file);
}

/** Opens an existing database and brings it to the current schema, refusing to create a new one. */
export function openExistingMigrated(file: string): Store {
  if (!existsSync(file)) throw new CommandError(`No database at ${file}. Set PARLEY_DATA_DIR (or --data-dir) to the server's data folder.`);
  return openStore(file);
}
