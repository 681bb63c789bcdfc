/** `parley migrate`: applies the committed migrations to the database (creating it if needed) and says which. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findMigrationsDir } from '../store/database';
import { parseCommand, EXIT, type Command } from './command';
import { DATA_DIR_HELP, databaseFile, openMigrated } from './database';

/** Timestamps of the migrations already applied to `file` (none for a new file). */
function appliedMigrations(file: string): Set<number> {
  if (!existsSync(file)) return new Set();
  const sqlite = new Database(file, { readonly: true });
  try {
    const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!table) return new Set();
    return new Set((sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[]).map((row) => Number(row.at)));
  } finally {
    sqlite.close();
  }
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database to the current schema (serve does this too)',
  usage: [
    'Usage: parley migrate [--data-dir DIR]',
    '',
    'Applies the migrations this version ships to parley.db, creating the file if needed, and lists what it',
    'applied. Safe to run again; a server running on the same folder may stay up.',
    '',
    DATA_DIR_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseCommand(this, args, io, { 'data-dir': { type: 'string' } });
    if (!parsed) return EXIT.ok;
    const file = databaseFile(io, parsed.values['data-dir']);
    const journal = JSON.parse(readFileSync(join(findMigrationsDir(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
    const before = appliedMigrations(file);
    const created = !existsSync(file);
    openMigrated(file).close();
    const applied = journal.entries.filter((entry) => !before.has(entry.when));
    const newest = journal.entries.at(-1)?.tag ?? 'none';
    if (applied.length === 0) {
      io.stdout.write(`${file} is up to date (${journal.entries.length} migrations, newest ${newest}).\n`);
    } else {
      io.stdout.write(`${created ? 'Created' : 'Migrated'} ${file}: applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n`);
      for (const entry of applied) io.stdout.write(`  ${entry.tag}\n`);
    }
    return EXIT.ok;
  },
};
