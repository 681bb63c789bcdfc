/**
 * `buildApp(config)`: the whole Parley server as a Fastify instance that is not yet listening. Tests build
 * it on a temp directory and listen on port 0; `main.ts` adds the process concerns.
 */
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { CLOSE_CODES, MAX_FRAME_BYTES } from '@parley/protocol';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { consoleApi } from './console-api/console-api';
import { consoleStatic } from './console/console-static';
import { agentAuthRoutes } from './http/agent-auth';
import { closeConnectionsWhenClosing } from './http/closing';
import { installErrorHandling } from './http/error-handler';
import { healthRoutes } from './http/health';
import { metricsRoutes, type MetricsOptions } from './http/metrics';
import { readinessRoutes } from './http/readiness';
import { findMigrationsDir } from './store/database';
import { visitorCors } from './http/visitor-cors';
import { visitorSessionRoutes } from './http/visitor-sessions';
import { servicesPlugin } from './services/services';
import { agentGateway } from './ws/agent-gateway';
import { heartbeat } from './ws/heartbeat';
import { visitorGateway } from './ws/visitor-gateway';
import { widgetAssets } from './widget/widget-assets';
import { fallbackAdminRoutes } from './fallback/admin-routes';
import { fallbackRoutes } from './fallback/routes';
import { privacyRoutes } from './privacy/privacy-routes';

export interface AppConfig {
  /** Folder of `parley.db`. */
  dataDir: string;
  /** Where browsers reach the server (console origin, cookie security). */
  publicUrl?: string;
  logger?: FastifyServerOptions['logger'];
  migrationsDir?: string;
  synchronous?: 'FULL' | 'NORMAL';
  /** Outgoing mail: SMTP URL (unset: mail waits in the outbox) and the From address. */
  mail?: { smtpUrl?: string | undefined; from?: string; pollMs?: number; retryBaseMs?: number };
  /** Folder of the built widget (`widget.js`); found automatically when unset. */
  widgetDir?: string;
  /**
   * Which proxies to trust for the client address (rate limits, logs): false (default), true, or
   * addresses/CIDRs. Set it when Parley runs behind a reverse proxy.
   */
  trustProxy?: boolean | string[];
  /** Messages per visitor: a burst, then so many a second (default 20, then 5/s). */
  messageRate?: { burst: number; perSecond: number };
  /** Frames of any kind per visitor socket before it is paused (default 100, then 50/s). */
  frameRate?: { burst: number; perSecond: number };
  /** Milliseconds between WebSocket pings; a socket that misses one is dropped. */
  heartbeatMs?: number;
  /** `GET /metrics`: off unless enabled or a token is set. */
  metrics?: MetricsOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in order. */
    routeList: ReadonlyArray<{ method: string; url: string }>;
  }
}

/**
 * Parley validates with zod (`http/parse-body.ts`), never with route JSON schemas, so Fastify's schema
 * compilers (ajv, fast-json-stringify: ~1 MiB of idle heap) are never loaded. A route that declares a
 * `body`/`querystring`/`params`/`headers`/`response` schema fails at start with this error.
 */
function noRouteSchemas(): never {
  throw new Error('Parley does not use Fastify route schemas (validate with zod: http/parse-body.ts); see noRouteSchemas in app.ts.');
}
const ROUTE_SCHEMAS_OFF = { compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas } };

export async function buildApp(config: AppConfig): Promise<FastifyInstance> {
  const publicUrl = config.publicUrl ?? 'http://127.0.0.1:3000';
  const app = Fastify({
    logger: config.logger ?? false,
    bodyLimit: MAX_FRAME_BYTES,
    trustProxy: config.trustProxy ?? false,
    schemaController: ROUTE_SCHEMAS_OFF,
  });
  installErrorHandling(app);
  // Every route, for tests that must cover all of them (e.g. every console endpoint needs a session).
  const routes: Array<{ method: string; url: string }> = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.decorate('routeList', routes);
  closeConnectionsWhenClosing(app);
  await app.register(cookie);
  // Limits are set per public route (`config.rateLimit`); nothing else is limited by IP.
  await app.register(rateLimit, { global: false });
  await app.register(websocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    preClose(done) {
      // As the plugin's own preClose does: an upgrade arriving from now on finds no listener, so Node cuts it.
      // Left routed, it got a 503 whose socket nobody ended, and closing waited for the client to hang up.
      app.server.removeAllListeners('upgrade');
      for (const client of app.websocketServer.clients) {
        // A paused (flooding) socket would never read the peer's close frame: cut it instead.
        if (client.isPaused) client.terminate();
        else client.close(CLOSE_CODES.goingAway, 'server shutting down');
      }
      app.websocketServer.close(() => done());
    },
  });
  await app.register(servicesPlugin, {
    databaseFile: join(config.dataDir, 'parley.db'),
    mail: { from: 'Parley <parley@localhost>', ...config.mail },
    ...(config.migrationsDir ? { migrationsDir: config.migrationsDir } : {}),
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
  });
  await app.register(heartbeat, { intervalMs: config.heartbeatMs ?? 30_000 });
  await app.register(healthRoutes);
  await app.register(readinessRoutes, { migrationsDir: config.migrationsDir ?? findMigrationsDir() });
  await app.register(metricsRoutes, config.metrics ?? {});
  await app.register(visitorCors);
  await app.register(visitorSessionRoutes);
  await app.register(agentAuthRoutes, { publicUrl });
  await app.register(consoleApi, { publicUrl });
  await app.register(consoleStatic, {});
  await app.register(visitorGateway, {
    ...(config.messageRate ? { messageRate: config.messageRate } : {}),
    ...(config.frameRate ? { frameRate: config.frameRate } : {}),
  });
  await app.register(widgetAssets, { widgetDir: config.widgetDir });
  await app.register(fallbackRoutes);
  await app.register(fallbackAdminRoutes, { publicUrl });
  await app.register(privacyRoutes, { publicUrl });
  await app.register(agentGateway, { publicUrl });
  return app;
}
