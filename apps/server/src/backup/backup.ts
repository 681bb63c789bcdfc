/**
 * Online backup: SQLite's backup API copies a consistent snapshot of the live database while chats go on
 * (writers are not blocked for long: pages are copied in steps). The copy is checked before it is kept.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Store } from '../store/database';

export interface BackupResult {
  file: string;
  bytes: number;
  messages: number;
}

/** Writes a snapshot of `store` to `file` (refusing to overwrite), verified with `integrity_check`. */
export async function backupDatabase(store: Store, file: string): Promise<BackupResult> {
  if (existsSync(file)) throw new Error(`${file} exists already; choose a new file name.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  await store.sqlite.backup(partial, { progress: () => 200 });
  const copy = new Database(partial, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`The backup failed its integrity check: ${String(integrity)}`);
    const messages = (copy.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    const pages = copy.pragma('page_count', { simple: true }) as number;
    const pageSize = copy.pragma('page_size', { simple: true }) as number;
    copy.close();
    renameSync(partial, file);
    return { file, bytes: pages * pageSize, messages };
  } catch (error) {
    if (copy.open) copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
}
