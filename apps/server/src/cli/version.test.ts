import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './testing';

describe('parley version', () => {
  it("prints the package's version and Node's", async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await cli(['version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`parley ${version} (node ${process.version})\n`);
    expect((await cli(['--version'])).stdout).toBe(run.stdout);
  });

  it('takes no arguments', async () => {
    const run = await cli(['version', 'now']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unexpected argument "now"');
  });
});
