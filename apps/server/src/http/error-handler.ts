/**
 * One error handler for every route: ParleyErrors keep their code and status; Fastify's own client
 * errors (bad JSON, body too large) map to stable codes; anything else is a 500 whose message is hidden
 * and whose details are logged with the request.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ParleyError } from '../errors/parley-error';

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | ParleyError, request, reply) => {
    if (error instanceof ParleyError) {
      return reply.code(error.status).send({ error: { code: error.code, message: error.message } });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return reply.code(429).send({ error: { code: 'rate_limited', message: error.message } });
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'frame_too_large' : 'invalid_body';
      return reply.code(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error, url: request.url, method: request.method }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal_error', message: 'Something went wrong on the server.' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
