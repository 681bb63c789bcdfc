/** Pings every socket on an interval and drops the ones that did not answer the previous ping. */
import type { FastifyInstance } from 'fastify';
import type WebSocket from 'ws';

const alive = new WeakSet<WebSocket>();

export async function heartbeat(app: FastifyInstance, options: { intervalMs: number }): Promise<void> {
  app.websocketServer.on('connection', (socket: WebSocket) => {
    alive.add(socket);
    socket.on('pong', () => alive.add(socket));
  });
  const timer = setInterval(() => {
    for (const socket of app.websocketServer.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, options.intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
