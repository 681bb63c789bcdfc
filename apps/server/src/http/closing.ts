/**
 * Shutting down with keep-alive clients: a request in flight when the server starts closing (one waiting for
 * the disk, say) is answered with `Connection: close`. Otherwise its connection stays open and idle after the
 * answer, and closing waits for the client to hang up: a minute or more for a browser or Node's fetch.
 */
import type { FastifyInstance } from 'fastify';

export function closeConnectionsWhenClosing(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
