/**
 * The widget's REST calls: `POST /api/v1/visitor/sessions` issues a visitor and its token for a site key;
 * `GET /api/v1/sites/:siteKey/settings` gives the widget's look. Both answer only allowed origins.
 */
import { visitorSessionRequest } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../errors/parley-error';
import { findSiteByKey, settingsOf } from '../sites/sites';
import { createVisitor } from '../visitors/visitors';
import { parseBody } from './parse-body';

export async function visitorSessionRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/visitor/sessions', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const { siteKey } = parseBody(visitorSessionRequest, request.body);
    const site = findSiteByKey(app.store, siteKey);
    if (!site) throw new ParleyError('site_not_found');
    if (!reply.allowSiteOrigin(site)) throw new ParleyError('origin_not_allowed');
    // In the group commit: a store's new shoppers never make the event loop wait for the disk.
    const { visitor, token } = await app.chat.commits.write(() => createVisitor(app.store, site));
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ visitorId: visitor.id, token });
  });

  app.get('/api/v1/sites/:siteKey/settings', async (request, reply) => {
    const { siteKey } = request.params as { siteKey: string };
    const site = findSiteByKey(app.store, siteKey);
    if (!site) throw new ParleyError('site_not_found');
    if (!reply.allowSiteOrigin(site)) throw new ParleyError('origin_not_allowed');
    reply.header('cache-control', 'public, max-age=60');
    return settingsOf(site);
  });
}
