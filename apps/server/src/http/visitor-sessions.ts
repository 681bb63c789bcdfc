/** `POST /api/v1/visitor/sessions`: issues a visitor and its token for a site key. */
import { visitorSessionRequest } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../errors/parley-error';
import { findSiteByKey } from '../sites/sites';
import { createVisitor } from '../visitors/visitors';
import { parseBody } from './parse-body';

export async function visitorSessionRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/visitor/sessions', async (request, reply) => {
    const { siteKey } = parseBody(visitorSessionRequest, request.body);
    const site = findSiteByKey(app.store, siteKey);
    if (!site) throw new ParleyError('site_not_found');
    const { visitor, token } = createVisitor(app.store, site);
    reply.header('cache-control', 'no-store');
    return reply.code(201).send({ visitorId: visitor.id, token });
  });
}
