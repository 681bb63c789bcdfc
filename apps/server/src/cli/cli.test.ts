import { describe, expect, it } from 'vitest';
import { cli } from './testing';

describe('parley (the command line)', () => {
  it('lists the commands for help, --help and help COMMAND', async () => {
    for (const args of [['help'], ['--help'], ['-h']]) {
      const run = await cli(args);
      expect(run.code).toBe(0);
      for (const name of ['serve', 'migrate', 'create-agent', 'reset-password', 'backup', 'version', 'help']) expect(run.stdout).toContain(`  ${name} `);
    }
    const one = await cli(['help', 'backup']);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^Usage: parley backup FILE/);
  });

  it('answers an unknown command with exit code 2 and the list of commands', async () => {
    const run = await cli(['serv']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "serv"');
    expect(run.stderr).toContain('reset-password');
    expect((await cli(['help', 'nope'])).code).toBe(2);
  });

  it('gives every command a --help that starts with its usage line', async () => {
    for (const name of ['serve', 'migrate', 'create-agent', 'reset-password', 'backup', 'version']) {
      const run = await cli([name, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(`Usage: parley ${name}`)).toBe(true);
    }
  });

  it('rejects options a command does not know, with exit code 2 and its usage', async () => {
    const run = await cli(['serve', '--port', '80']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--port'");
    expect(run.stderr).toContain('Usage: parley serve');
  });
});
