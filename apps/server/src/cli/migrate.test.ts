import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { findMigrationsDir } from '../store/database';
import { cli, tempDataDir } from './testing';

const shipped = (JSON.parse(readFileSync(join(findMigrationsDir(), 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }).entries;

describe('parley migrate', () => {
  it('creates and migrates a new database, lists what it applied, and says when nothing is left', async () => {
    const dataDir = tempDataDir();
    const first = await cli(['migrate'], { dataDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Created ${join(dataDir, 'parley.db')}: applied ${shipped.length} migrations`);
    for (const entry of shipped) expect(first.stdout).toContain(`  ${entry.tag}\n`);
    const sqlite = new Database(join(dataDir, 'parley.db'), { readonly: true });
    expect((sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(shipped.length);
    sqlite.close();

    const again = await cli(['migrate'], { dataDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`is up to date (${shipped.length} migrations, newest ${shipped.at(-1)!.tag})`);
  });

  it('rejects an unknown option or an argument with exit code 2', async () => {
    const run = await cli(['migrate', '--force'], { dataDir: tempDataDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--force'");
    expect(run.stderr).toContain('Usage: parley migrate');
    expect((await cli(['migrate', 'now'])).code).toBe(2);
  });
});
