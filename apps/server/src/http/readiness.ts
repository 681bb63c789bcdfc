/**
 * `GET /readyz`: 200 when this process can take traffic — the database accepts a write (made in a
 * savepoint and rolled back, so nothing changes) and every committed migration is applied. 503 with the
 * reason otherwise, so a load balancer or systemd watchdog can tell "alive" (`/healthz`) from "ready".
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';

export interface ReadinessOptions {
  /** The drizzle folder the app migrated from (its `meta/_journal.json` lists what should be applied). */
  migrationsDir: string;
}

/** The reason the database is not ready, or null when it is. */
export function databaseNotReady(sqlite: Database.Database, expected: { count: number; last: number }): string | null {
  if (!sqlite.open) return 'the database is closed';
  try {
    sqlite.exec('SAVEPOINT parley_readyz');
    try {
      // A real row write: fails on a read-only file, a read-only connection or a lock held too long.
      sqlite.prepare('UPDATE sites SET id = id WHERE rowid = (SELECT min(rowid) FROM sites)').run();
    } finally {
      sqlite.exec('ROLLBACK TO parley_readyz; RELEASE parley_readyz');
    }
  } catch (error) {
    return `the database does not accept writes: ${(error as Error).message}`;
  }
  const applied = sqlite.prepare('SELECT count(*) AS n, max(created_at) AS last FROM __drizzle_migrations').get() as { n: number; last: number | null };
  const last = Number(applied.last ?? 0);
  if (last < expected.last) return `migrations are not current: ${applied.n} applied, this version ships ${expected.count} (run \`parley migrate\`)`;
  if (last > expected.last) return 'the database was migrated by a newer Parley than this one';
  return null;
}

/** How many migrations the code ships and the timestamp of the newest (drizzle stores it per row). */
export function expectedMigrations(migrationsDir: string): { count: number; last: number } {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return { count: journal.entries.length, last: journal.entries.at(-1)?.when ?? 0 };
}

export async function readinessRoutes(app: FastifyInstance, options: ReadinessOptions): Promise<void> {
  const expected = expectedMigrations(options.migrationsDir);
  app.get('/readyz', async (_request, reply) => {
    const reason = databaseNotReady(app.store.sqlite, expected);
    if (reason) return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' as const, reason });
    return reply.header('cache-control', 'no-store').send({ status: 'ready' as const });
  });
}
