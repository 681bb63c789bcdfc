/**
 * Upgrading a store that already has chats: each migration that fills a new column from existing rows is
 * checked on a database made at the migration before it.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir';
import { findMigrationsDir, openStore } from './database';

/** A copy of the migrations folder that stops before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = join(tempDir('migrations'), 'drizzle');
  cpSync(findMigrationsDir(), dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('upgrading a store with history', () => {
  it('0010 gives every conversation its last activity: the newest message, or its creation without any', () => {
    const file = join(tempDir('upgrade'), 'parley.db');
    const before = openStore(file, { migrationsDir: migrationsBefore('0010_offline_activity') });
    before.sqlite.exec(`
      INSERT INTO sites (id, key, name, created_at) VALUES ('s1', 'key1', 'Boot Barn', 1);
      INSERT INTO visitors (id, site_id, token_hash, created_at, last_seen_at) VALUES ('v1', 's1', 'h1', 1, 1), ('v2', 's1', 'h2', 1, 1);
      INSERT INTO conversations (id, site_id, visitor_id, status, created_at, last_seq) VALUES ('talked', 's1', 'v1', 'offline', 1000, 3), ('silent', 's1', 'v2', 'offline', 2000, 0);
      INSERT INTO messages (id, conversation_id, seq, author_type, body, internal, created_at) VALUES
        ('m1', 'talked', 1, 'visitor', 'Size 44?', 0, 1500), ('m2', 'talked', 2, 'bot', 'No match', 0, 1600), ('m3', 'talked', 3, 'visitor', 'Any news?', 0, 9000);
    `);
    before.close();

    const after = openStore(file);
    const rows = after.sqlite.prepare('SELECT id, last_activity_at AS at FROM conversations ORDER BY id').all();
    after.close();
    expect(rows).toEqual([
      { id: 'silent', at: 2000 },
      { id: 'talked', at: 9000 },
    ]);
  });
});
