import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestServer } from '../../test/support/test-server';

describe('GET /readyz', () => {
  let server: TestServer;
  beforeEach(async () => (server = await TestServer.start()));
  afterEach(async () => server.stop());

  it('is ready when the database takes writes and every migration is applied, and changes nothing', async () => {
    const sitesBefore = server.app.store.sqlite.prepare('SELECT * FROM sites').all();
    const response = await server.request('GET', '/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(server.app.store.sqlite.prepare('SELECT * FROM sites').all()).toEqual(sitesBefore);
    expect(server.app.store.sqlite.inTransaction).toBe(false);
  });

  it('answers 503 with the reason while the database refuses writes, and recovers', async () => {
    server.app.store.sqlite.pragma('query_only = ON');
    const refused = await server.request('GET', '/readyz');
    expect(refused.status).toBe(503);
    expect(refused.body.status).toBe('unavailable');
    expect(refused.body.reason).toMatch(/^the database does not accept writes: /);
    expect((await server.request('GET', '/healthz')).status).toBe(200);

    server.app.store.sqlite.pragma('query_only = OFF');
    expect((await server.request('GET', '/readyz')).status).toBe(200);
  });

  it('answers 503 when the database lacks a migration this version ships', async () => {
    server.app.store.sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    const response = await server.request('GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.reason).toMatch(/^migrations are not current: \d+ applied, this version ships \d+ \(run `parley migrate`\)$/);
  });

  it('answers 503 when the database is closed', async () => {
    server.app.store.sqlite.close();
    const response = await server.request('GET', '/readyz');
    expect(response.status).toBe(503);
    expect(response.body.reason).toBe('the database is closed');
  });
});
