/** `parley backup FILE`: a consistent, verified copy of the live database, taken while the server runs. */
import { resolve } from 'node:path';
import { backupDatabase } from '../backup/backup';
import { CommandError, parseCommand, EXIT, type Command } from './command';
import { DATA_DIR_HELP, databaseFile, openExisting } from './database';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'copy the database to FILE while the server runs',
  usage: [
    'Usage: parley backup FILE [--data-dir DIR]',
    '',
    "Writes a consistent snapshot of parley.db to FILE with SQLite's online backup, checks the copy's",
    'integrity and keeps it only if it passes. Chats go on meanwhile. FILE must not exist. To restore, stop',
    'the server and put the copy in place of parley.db (removing parley.db-wal and parley.db-shm).',
    '',
    DATA_DIR_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseCommand(this, args, io, { 'data-dir': { type: 'string' } }, { min: 1, max: 1, names: 'FILE (where to write the copy)' });
    if (!parsed) return EXIT.ok;
    const target = resolve(io.cwd, parsed.positionals[0]!);
    const file = databaseFile(io, parsed.values['data-dir']);
    const store = openExisting(file);
    try {
      const result = await backupDatabase(store, target).catch((error: Error) => {
        throw new CommandError(error.message);
      });
      const size = result.bytes >= 1024 * 1024 ? `${(result.bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(result.bytes / 1024)} KiB`;
      io.stdout.write(`Backed up ${file} to ${result.file} (${size}, ${result.messages} messages; integrity checked).\n`);
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
