/**
 * Serves the built console (`apps/console/dist`) at `/console/`, with every other `/console/…` page
 * answered by index.html (the SPA routes itself). Without a build, `/console` says so with a 503.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface ConsoleStaticOptions {
  /** The built console; found next to the server (source or bundle) when not given. */
  distDir?: string;
}

/**
 * `console/` beside a release bundle (`dist/parley/parley.mjs`), or `apps/console/dist` from
 * `apps/server/src/console/` or from the bundle in `apps/server/dist/`.
 */
export function findConsoleDist(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (const candidate of [join(from, 'console'), join(from, '../../../console/dist'), join(from, '../../console/dist')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

export const CONSOLE_NOT_BUILT =
  'The Parley console is not built. Run `npx --yes pnpm@10.34.8 --filter @parley/console build` and restart the server.';

/** The console loads only its own files and talks only to its own origin; nobody may frame it. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

export async function consoleStatic(app: FastifyInstance, options: ConsoleStaticOptions): Promise<void> {
  const root = options.distDir ?? findConsoleDist();
  if (!root || !existsSync(join(root, 'index.html'))) {
    const notBuilt = async (_request: unknown, reply: import('fastify').FastifyReply) =>
      reply.code(503).type('text/plain; charset=utf-8').send(CONSOLE_NOT_BUILT);
    app.get('/console', notBuilt);
    app.get('/console/*', notBuilt);
    return;
  }
  app.get('/console', async (_request, reply) => reply.redirect('/console/'));
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: '/',
        index: false,
        wildcard: true,
        cacheControl: false,
        setHeaders: (res, path) => {
          res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
          res.setHeader('x-content-type-options', 'nosniff');
          if (path.endsWith('.html')) {
            res.setHeader('content-security-policy', CONSOLE_CSP);
            res.setHeader('x-frame-options', 'DENY');
            res.setHeader('referrer-policy', 'no-referrer');
          }
        },
      });
      const spa = async (_request: unknown, reply: import('fastify').FastifyReply) =>
        reply.header('cache-control', 'no-cache').sendFile('index.html', root);
      scope.get('/', { prefixTrailingSlash: 'slash' }, spa);
      scope.setNotFoundHandler(async (request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        if (request.method !== 'GET' || /\.[a-z0-9]+$/i.test(path)) {
          return reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${path}` } });
        }
        return spa(request, reply);
      });
    },
    { prefix: '/console' },
  );
}
