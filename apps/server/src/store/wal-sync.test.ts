import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { walSync } from './wal-sync';
import { tempDir } from '../../test/support/temp-dir';

const syncOnce = (sync: ReturnType<typeof walSync>) => new Promise<Error | null>((resolve) => sync.sync(resolve));

describe('walSync', () => {
  it('flushes the log of an open WAL database, and refuses once closed', async () => {
    const file = join(tempDir('wal'), 'parley.db');
    const sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('CREATE TABLE t (n INTEGER)');
    const wal = walSync(file);
    expect(await syncOnce(wal)).toBeNull();
    sqlite.prepare('INSERT INTO t VALUES (1)').run();
    expect(await syncOnce(wal)).toBeNull(); // the same descriptor, again
    wal.close();
    expect((await syncOnce(wal))?.message).toMatch(/closed/);
    sqlite.close();
  });

  it('reports a missing log instead of pretending it is on disk', async () => {
    const wal = walSync(join(tempDir('wal'), 'nothing.db'));
    expect((await syncOnce(wal)) as NodeJS.ErrnoException | null).toMatchObject({ code: 'ENOENT' });
  });
});
