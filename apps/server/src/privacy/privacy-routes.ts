/**
 * Admin calls for shoppers' data and identity, under `/api/v1/console`: export or delete a visitor, the
 * retention setting, and identity verification (the secret, "require verification", rotating the secret).
 * A daily job applies retention.
 */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { adminOf, guardConsoleRoutes } from '../console-api/guards';
import { ParleyError } from '../errors/parley-error';
import { parseBody } from '../http/parse-body';
import { getSite, newIdentitySecret } from '../sites/sites';
import { sites } from '../store/schema';
import { applyRetention, deleteVisitor, exportVisitor } from './privacy';

const DAY = 24 * 60 * 60 * 1000;
const retentionBody = z.object({ retentionDays: z.number().int().min(1).max(3650).nullable() });
const identityBody = z.object({ required: z.boolean() });

export async function privacyRoutes(app: FastifyInstance, options: { publicUrl: string }): Promise<void> {
  guardConsoleRoutes(app, options.publicUrl);
  const site = () => getSite(app.store, app.defaultSite.id) ?? app.defaultSite;
  const saveSettings = (changes: Record<string, unknown>) =>
    app.store.db.update(sites).set({ settings: { ...site().settings, ...changes } }).where(eq(sites.id, site().id)).run();

  app.get('/api/v1/console/visitors/:id/export', async (request, reply) => {
    adminOf(request);
    const data = exportVisitor(app.store, app.messages, (request.params as { id: string }).id);
    if (!data) throw new ParleyError('not_found');
    reply.header('content-disposition', `attachment; filename="visitor-${data.visitor.id}.json"`);
    return data;
  });

  app.delete('/api/v1/console/visitors/:id', async (request, reply) => {
    adminOf(request);
    if (!deleteVisitor(app.store, (request.params as { id: string }).id)) throw new ParleyError('not_found');
    return reply.code(204).send();
  });

  app.get('/api/v1/console/privacy', async (request) => {
    adminOf(request);
    return { retentionDays: typeof site().settings.retentionDays === 'number' ? site().settings.retentionDays : null };
  });

  app.put('/api/v1/console/privacy', async (request) => {
    adminOf(request);
    const body = parseBody(retentionBody, request.body);
    saveSettings({ retentionDays: body.retentionDays });
    return body;
  });

  app.get('/api/v1/console/identity', async (request) => {
    adminOf(request);
    return { secret: site().identitySecret, required: site().settings.requireIdentityVerification === true };
  });

  app.put('/api/v1/console/identity', async (request) => {
    adminOf(request);
    const body = parseBody(identityBody, request.body);
    saveSettings({ requireIdentityVerification: body.required });
    return { secret: site().identitySecret, required: body.required };
  });

  app.post('/api/v1/console/identity/rotate', async (request) => {
    adminOf(request);
    app.store.db.update(sites).set({ identitySecret: newIdentitySecret() }).where(eq(sites.id, site().id)).run();
    return { secret: site().identitySecret, required: site().settings.requireIdentityVerification === true };
  });

  const timer = setInterval(() => {
    try {
      const removed = applyRetention(app.store);
      if (removed > 0) app.log.info({ removed }, 'retention: deleted old closed conversations');
    } catch (error) {
      app.log.error({ err: error }, 'retention failed');
    }
  }, DAY);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
