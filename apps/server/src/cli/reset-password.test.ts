import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAgent, findAgentByEmail } from '../agents/agents';
import { agentForSession, startSession } from '../auth/agent-sessions';
import { verifyPassword } from '../auth/secrets';
import { openStore } from '../store/database';
import { cli, tempDataDir } from './testing';

async function withAgent(dataDir: string) {
  const store = openStore(join(dataDir, 'parley.db'));
  const agent = await createAgent(store, { email: 'ana@boots.example', name: 'Ana', password: 'old password', role: 'admin' });
  const sessions = [startSession(store, agent.id), startSession(store, agent.id)];
  store.close();
  return sessions;
}

describe('parley reset-password', () => {
  it("sets the new password from stdin and ends the agent's sessions", async () => {
    const dataDir = tempDataDir();
    const sessions = await withAgent(dataDir);
    const run = await cli(['reset-password', 'ANA@boots.example'], { dataDir, stdin: 'brand new password\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Set a new password for Ana <ana@boots.example> and ended 2 sessions.\n');

    const store = openStore(join(dataDir, 'parley.db'));
    const agent = findAgentByEmail(store, 'ana@boots.example')!;
    expect(await verifyPassword('brand new password', agent.passwordHash)).toBe(true);
    expect(await verifyPassword('old password', agent.passwordHash)).toBe(false);
    for (const session of sessions) expect(agentForSession(store, session)).toBeUndefined();
    store.close();
  });

  it('fails with exit code 1 for an unknown email or a missing database, changing nothing', async () => {
    const dataDir = tempDataDir();
    await withAgent(dataDir);
    const unknown = await cli(['reset-password', 'bo@boots.example', '--password', 'whatever long'], { dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No agent signs in with bo@boots.example');

    const empty = tempDataDir();
    const missing = await cli(['reset-password', 'ana@boots.example', '--password', 'whatever long'], { dataDir: join(empty, 'nowhere') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No database at');
  });

  it('wants exactly one EMAIL (exit code 2)', async () => {
    const none = await cli(['reset-password'], { dataDir: tempDataDir() });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Missing EMAIL.');
    expect(none.stderr).toContain('Usage: parley reset-password EMAIL');
    const two = await cli(['reset-password', 'a@b.example', 'c@d.example'], { dataDir: tempDataDir() });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('Unexpected argument "c@d.example"');
  });
});
