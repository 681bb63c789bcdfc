/** `parley reset-password EMAIL`: sets a new password for an agent and signs them out everywhere. */
import { eq } from 'drizzle-orm';
import { findAgentByEmail } from '../agents/agents';
import { hashPassword } from '../auth/secrets';
import { agentSessions, agents } from '../store/schema';
import { CommandError, parseCommand, readPassword, EXIT, type Command } from './command';
import { DATA_DIR_HELP, databaseFile, openExistingMigrated } from './database';

export const resetPasswordCommand: Command = {
  name: 'reset-password',
  summary: "set an agent's password and end their sessions",
  usage: [
    'Usage: parley reset-password EMAIL [--password PASSWORD] [--data-dir DIR]',
    '',
    "Sets a new password for the agent who signs in with EMAIL and ends all their console sessions (they",
    'sign in again with the new one). Without --password it asks on a terminal, or reads the first line of',
    'stdin. Works while the server runs.',
    '',
    '  --password PW     the new password (at least 8 characters; visible in your shell history)',
    DATA_DIR_HELP,
  ].join('\n'),
  async run(args, io) {
    const parsed = parseCommand(this, args, io, { password: { type: 'string' }, 'data-dir': { type: 'string' } }, { min: 1, max: 1, names: 'EMAIL' });
    if (!parsed) return EXIT.ok;
    const email = parsed.positionals[0]!;
    const file = databaseFile(io, parsed.values['data-dir']);
    const store = openExistingMigrated(file);
    try {
      const agent = findAgentByEmail(store, email);
      if (!agent) throw new CommandError(`No agent signs in with ${email.toLowerCase()} in ${file}; nothing was changed.`);
      const passwordHash = await hashPassword(await readPassword(io, parsed.values.password));
      const ended = store.sqlite.transaction(() => {
        store.db.update(agents).set({ passwordHash }).where(eq(agents.id, agent.id)).run();
        return store.db.delete(agentSessions).where(eq(agentSessions.agentId, agent.id)).run().changes;
      })();
      io.stdout.write(`Set a new password for ${agent.name} <${agent.email}> and ended ${ended} session${ended === 1 ? '' : 's'}.\n`);
      if (agent.disabledAt !== null) io.stdout.write('Note: this agent is disabled; an admin must enable them before they can sign in.\n');
      return EXIT.ok;
    } finally {
      store.close();
    }
  },
};
