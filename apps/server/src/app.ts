/**
 * `buildApp(config)`: the whole Parley server as a Fastify instance that is not yet listening. Tests build
 * it on a temp directory and listen on port 0; `main.ts` adds the process concerns.
 */
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import { CLOSE_CODES, MAX_FRAME_BYTES } from '@parley/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { agentAuthRoutes } from './http/agent-auth';
import { installErrorHandling } from './http/error-handler';
import { healthRoutes } from './http/health';
import { visitorCors } from './http/visitor-cors';
import { visitorSessionRoutes } from './http/visitor-sessions';
import { servicesPlugin } from './services/services';
import { agentGateway } from './ws/agent-gateway';
import { heartbeat } from './ws/heartbeat';
import { visitorGateway } from './ws/visitor-gateway';
import { widgetAssets } from './widget/widget-assets';

export interface AppConfig {
  /** Folder of `parley.db`. */
  dataDir: string;
  /** Where browsers reach the server (console origin, cookie security). */
  publicUrl?: string;
  logger?: FastifyServerOptions['logger'];
  migrationsDir?: string;
  synchronous?: 'FULL' | 'NORMAL';
  /** Folder of the built widget (`widget.js`); found automatically when unset. */
  widgetDir?: string;
  /** Milliseconds between WebSocket pings; a socket that misses one is dropped. */
  heartbeatMs?: number;
}

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const publicUrl = config.publicUrl ?? 'http://127.0.0.1:3000';
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: MAX_FRAME_BYTES,
    trustProxy: false,
  });
  installErrorHandling(app);
  await app.register(cookie);
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(CLOSE_CODES.goingAway, 'server shutting down');
      app.websocketServer.close(() => done());
    },
  });
  await app.register(servicesPlugin, {
    databaseFile: join(config.dataDir, 'parley.db'),
    ...(config.migrationsDir ? { migrationsDir: config.migrationsDir } : {}),
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
  });
  await app.register(heartbeat, { intervalMs: config.heartbeatMs ?? 30_000 });
  await app.register(healthRoutes);
  await app.register(visitorCors);
  await app.register(visitorSessionRoutes);
  await app.register(agentAuthRoutes, { publicUrl });
  await app.register(visitorGateway);
  await app.register(widgetAssets, { widgetDir: config.widgetDir });
  await app.register(agentGateway, { publicUrl });
  return app;
}
