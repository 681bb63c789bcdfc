/**
 * Baseline for idle connections: a bare `ws` server. Each socket's first frame stands for the visitor's
 * `session.auth`; the server keeps a small record for it and answers `ready`. Nothing else.
 * Env: PORT. Reports memory to the harness over IPC (see ../probe.mjs, preloaded with --import).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { WebSocketServer } = createRequire(join(root, 'apps/server/package.json'))('ws');

const sessions = new Map();
const server = new WebSocketServer({ host: '127.0.0.1', port: Number(process.env.PORT), maxPayload: 64 * 1024 });
server.on('connection', (socket) => {
  socket.once('message', (data) => {
    const id = sessions.size + 1;
    sessions.set(socket, { id, token: String(data).length });
    socket.on('close', () => sessions.delete(socket));
    socket.send('{"type":"session.ready"}');
  });
});
server.on('listening', () => process.send?.({ type: 'listening' }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
