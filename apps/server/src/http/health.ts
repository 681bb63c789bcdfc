/** `GET /healthz`: 200 once the database is open and migrated (the app does not start otherwise). */
import type { FastifyInstance } from 'fastify';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async () => {
    app.store.sqlite.prepare('SELECT 1').get();
    return { status: 'ok' as const };
  });
}
