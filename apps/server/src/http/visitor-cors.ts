/**
 * CORS for the widget's endpoints (`/api/v1/visitor/*`, `/api/v1/sites/*`): a page may call them only from
 * an origin its site allows (any origin while the list is empty). No credentials are ever allowed; the
 * widget authenticates with its token, not cookies. Preflights are answered for any origin: the real
 * request is what is checked.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { originAllowed, type Site } from '../sites/sites';

const WIDGET_PATHS = /^\/api\/v1\/(visitor|sites)\//;

export const visitorCors = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request, reply) => {
    if (!WIDGET_PATHS.test(request.url)) return;
    const origin = request.headers.origin;
    if (request.method === 'OPTIONS' && origin) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'content-type, authorization')
        .header('access-control-max-age', '600')
        .header('vary', 'origin');
      return reply.code(204).send();
    }
  });
  app.decorateReply('allowSiteOrigin', function allowSiteOrigin(this: import('fastify').FastifyReply, site: Site) {
    const origin = this.request.headers.origin;
    if (!originAllowed(site, origin)) return false;
    if (origin) this.header('access-control-allow-origin', origin).header('vary', 'origin');
    return true;
  });
});

declare module 'fastify' {
  interface FastifyReply {
    /** Adds the CORS header for this site's page, or returns false when its origin is not allowed. */
    allowSiteOrigin(site: Site): boolean;
  }
}
