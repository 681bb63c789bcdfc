/** `parley create-agent`: adds an agent (or an admin) from the shell, e.g. the first admin of a fresh install. */
import { z } from 'zod';
import { createAgent } from '../agents/agents';
import { ParleyError } from '../errors/parley-error';
import { CommandError, parseCommand, readPassword, required, UsageError, EXIT, type Command } from './command';
import { DATA_DIR_HELP, databaseFile, openMigrated } from './database';

export const createAgentCommand: Command = {
  name: 'create-agent',
  summary: 'add an agent or admin who can sign in to the console',
  usage: [
    'Usage: parley create-agent --email EMAIL --name NAME [--admin] [--password PASSWORD] [--data-dir DIR]',
    '',
    'Adds an agent who signs in to the console with EMAIL. Without --password it asks for one on a',
    'terminal, or reads the first line of stdin (echo "$PASSWORD" | parley create-agent ...).',
    '',
    '  --email EMAIL     the sign-in address (unique)',
    '  --name NAME       the name shoppers see',
    '  --admin           may change settings and manage agents (default: agent)',
    '  --password PW     the password (at least 8 characters; visible in your shell history)',
    DATA_DIR_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseCommand(this, args, io, {
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean' },
      password: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (!parsed) return EXIT.ok;
    const email = required(parsed.values.email, 'email');
    const name = required(parsed.values.name, 'name');
    if (!z.email().safeParse(email).success) throw new UsageError(`--email "${email}" is not an email address.`);
    if (name.length > 80) throw new UsageError('--name must have at most 80 characters.');
    const role = parsed.values.admin ? 'admin' : 'agent';
    const password = await readPassword(io, parsed.values.password);
    const file = databaseFile(io, parsed.values['data-dir']);
    const store = openMigrated(file);
    try {
      const agent = await createAgent(store, { email, name, password, role });
      io.stdout.write(`Created ${role} ${agent.name} <${agent.email}> (id ${agent.id}) in ${file}.\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ParleyError && error.code === 'email_taken') {
        throw new CommandError(`An agent with the email ${email.toLowerCase()} exists already; nothing was changed. To set a new password: parley reset-password ${email.toLowerCase()}`);
      }
      throw error;
    } finally {
      store.close();
    }
  },
};
