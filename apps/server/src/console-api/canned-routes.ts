/** Canned responses: every agent lists them; admins create, edit and delete them. */
import { cannedResponseInput, type CannedResponse } from '@parley/protocol';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { nanoid } from 'nanoid';
import { ParleyError } from '../errors/parley-error';
import { parseBody } from '../http/parse-body';
import { cannedResponses } from '../store/schema';
import { adminOf, agentOf } from './guards';

type IdParams = { Params: { id: string } };
type Row = typeof cannedResponses.$inferSelect;

const view = (row: Row): CannedResponse => ({ id: row.id, shortcut: row.shortcut, title: row.title, body: row.body, updatedAt: row.updatedAt });

export async function cannedRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.store;
  const byShortcut = (shortcut: string) => db.select().from(cannedResponses).where(eq(cannedResponses.shortcut, shortcut)).get();

  app.get('/api/v1/console/canned-responses', async (request) => {
    agentOf(request);
    return { cannedResponses: db.select().from(cannedResponses).orderBy(asc(cannedResponses.shortcut)).all().map(view) };
  });

  app.post('/api/v1/console/canned-responses', async (request, reply) => {
    adminOf(request);
    const input = parseBody(cannedResponseInput, request.body);
    if (byShortcut(input.shortcut)) throw new ParleyError('shortcut_taken');
    const now = Date.now();
    const row: Row = { id: nanoid(), ...input, createdAt: now, updatedAt: now };
    db.insert(cannedResponses).values(row).run();
    return reply.code(201).send(view(row));
  });

  app.put<IdParams>('/api/v1/console/canned-responses/:id', async (request) => {
    adminOf(request);
    const input = parseBody(cannedResponseInput, request.body);
    const clash = byShortcut(input.shortcut);
    if (clash && clash.id !== request.params.id) throw new ParleyError('shortcut_taken');
    const updated = db
      .update(cannedResponses)
      .set({ ...input, updatedAt: Date.now() })
      .where(eq(cannedResponses.id, request.params.id))
      .returning()
      .get();
    if (!updated) throw new ParleyError('not_found');
    return view(updated);
  });

  app.delete<IdParams>('/api/v1/console/canned-responses/:id', async (request, reply) => {
    adminOf(request);
    const deleted = db.delete(cannedResponses).where(eq(cannedResponses.id, request.params.id)).run();
    if (deleted.changes === 0) throw new ParleyError('not_found');
    return reply.code(204).send();
  });
}
