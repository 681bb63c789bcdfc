/**
 * The widget's fallback calls: the offline form (`POST /api/v1/visitor/offline`, authenticated by the
 * visitor token in the Authorization header), FAQ self-service search, and availability.
 */
import { offlineMessageRequest } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ParleyError } from '../errors/parley-error';
import { parseBody } from '../http/parse-body';
import { findSiteByKey, getSite, type Site } from '../sites/sites';
import { findVisitorByToken } from '../visitors/visitors';

/** Self-service search lists suggestions, so it shows looser matches than the bot answers with. */
const SUGGESTION_THRESHOLD = 0.5;

export async function fallbackRoutes(app: FastifyInstance): Promise<void> {
  const siteFor = (request: FastifyRequest): Site => {
    const site = findSiteByKey(app.store, (request.params as { siteKey: string }).siteKey);
    if (!site) throw new ParleyError('site_not_found');
    return site;
  };

  app.post('/api/v1/visitor/offline', { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (request, reply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const visitor = token ? findVisitorByToken(app.store, token) : undefined;
    if (!visitor) throw new ParleyError('invalid_token');
    const site = getSite(app.store, visitor.siteId);
    if (!site) throw new ParleyError('site_not_found');
    if (!reply.allowSiteOrigin(site)) throw new ParleyError('origin_not_allowed');
    const form = parseBody(offlineMessageRequest, request.body);
    return reply.code(202).send(await app.fallback.submitOffline(visitor, site, form, request.ip));
  });

  app.get('/api/v1/sites/:siteKey/faq', { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } }, async (request, reply) => {
    const site = siteFor(request);
    if (!reply.allowSiteOrigin(site)) throw new ParleyError('origin_not_allowed');
    const query = String((request.query as Record<string, unknown>).q ?? '').slice(0, 500);
    const results = app.faq.search(site.id, query, { limit: 3, threshold: SUGGESTION_THRESHOLD }).map(({ entry }) => ({ id: entry.id, question: entry.question, answer: entry.answer }));
    return { results };
  });

  app.get('/api/v1/sites/:siteKey/availability', async (request, reply) => {
    const site = siteFor(request);
    if (!reply.allowSiteOrigin(site)) throw new ParleyError('origin_not_allowed');
    reply.header('cache-control', 'no-store');
    return app.fallback.availability(site);
  });
}
