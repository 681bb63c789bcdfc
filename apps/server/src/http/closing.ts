/**
 * Shutting down with keep-alive clients: a request in flight when the server starts closing (one waiting for
 * the disk, say) is answered with `Connection: close`. Otherwise its connection stays open and idle after the
 * answer, and closing waits for the client to hang up: a minute or more for a browser or Node's fetch.
 *
 * An answer can be past that decision and still waiting when closing begins (the console's answers wait for
 * the disk after the header is chosen, see console-api/guards.ts): so after every answer sent while closing,
 * the connections left idle are closed too.
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
  app.addHook('onResponse', (_request, _reply, done) => {
    // Once the answer is out its connection counts as idle: on the next turn it is.
    if (closing) setImmediate(() => app.server.closeIdleConnections());
    done();
  });
}
