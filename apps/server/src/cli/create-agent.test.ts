import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAgentByEmail } from '../agents/agents';
import { verifyPassword } from '../auth/secrets';
import { openStore } from '../store/database';
import { cli, tempDataDir } from './testing';

function agentIn(dataDir: string, email: string) {
  const store = openStore(join(dataDir, 'parley.db'));
  try {
    return findAgentByEmail(store, email);
  } finally {
    store.close();
  }
}

describe('parley create-agent', () => {
  it('creates an admin with --password, on a fresh data folder, and says so', async () => {
    const dataDir = tempDataDir();
    const run = await cli(['create-agent', '--admin', '--email', 'Ana@Boots.example', '--name', 'Ana', '--password', 'correct horse'], { dataDir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Created admin Ana <ana@boots\.example> \(id [\w-]+\) in .*parley\.db\.\n$/);
    const agent = agentIn(dataDir, 'ana@boots.example')!;
    expect(agent.role).toBe('admin');
    expect(await verifyPassword('correct horse', agent.passwordHash)).toBe(true);
  });

  it('reads the password from the first line of stdin when not given, and creates an agent without --admin', async () => {
    const dataDir = tempDataDir();
    const run = await cli(['create-agent', '--email', 'bo@boots.example', '--name', 'Bo'], { dataDir, stdin: 'piped password\nignored\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Created agent Bo <bo@boots.example>');
    const agent = agentIn(dataDir, 'bo@boots.example')!;
    expect(agent.role).toBe('agent');
    expect(await verifyPassword('piped password', agent.passwordHash)).toBe(true);
    expect(run.stdout + run.stderr).not.toContain('piped password');
  });

  it('refuses a taken email and a short password with exit code 1, changing nothing', async () => {
    const dataDir = tempDataDir();
    await cli(['create-agent', '--email', 'ana@boots.example', '--name', 'Ana', '--password', 'first password'], { dataDir });
    const taken = await cli(['create-agent', '--email', 'ANA@boots.example', '--name', 'Other', '--password', 'second password'], { dataDir });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('exists already; nothing was changed');
    expect(agentIn(dataDir, 'ana@boots.example')!.name).toBe('Ana');

    const short = await cli(['create-agent', '--email', 'cy@boots.example', '--name', 'Cy'], { dataDir, stdin: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    expect(agentIn(dataDir, 'cy@boots.example')).toBeUndefined();
  });

  it('says what it expected on wrong usage, with exit code 2', async () => {
    const dataDir = tempDataDir();
    const noEmail = await cli(['create-agent', '--name', 'Ana', '--password', 'long enough'], { dataDir });
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toContain('Missing --email.');
    expect(noEmail.stderr).toContain('Usage: parley create-agent --email EMAIL --name NAME');

    const badEmail = await cli(['create-agent', '--email', 'ana', '--name', 'Ana', '--password', 'long enough'], { dataDir });
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain('"ana" is not an email address');

    const noValue = await cli(['create-agent', '--email'], { dataDir });
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toContain("Option '--email <value>' argument missing");
  });
});
