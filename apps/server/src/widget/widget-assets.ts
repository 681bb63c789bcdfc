/**
 * Serves the widget's scripts: `/widget.js` (the loader; cached 5 minutes, since its URL never changes)
 * and `/widget-chat.<hash>.js` (cached for a year: a new build gets a new name). Files are read at
 * start; each is compressed (brotli, gzip) once, on the first request that asks for that encoding (off
 * the event loop, so an idle server never holds brotli's buffers), and sent according to Accept-Encoding.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

interface Asset {
  raw: Buffer;
  cacheControl: string;
  /** Compressed once, at the first request for each encoding. */
  encoded: Partial<Record<'br' | 'gzip', Promise<Buffer>>>;
}

/** The built widget: `packages/widget/dist` found above this module, or `widget/` beside a release bundle. */
export function findWidgetDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'packages', 'widget', 'dist'), join(dir, 'widget')]) {
      if (existsSync(join(candidate, 'widget.js'))) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function load(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (!/^widget(-chat\.[0-9a-f]+)?\.js$/.test(name)) continue;
    const raw = readFileSync(join(dir, name));
    assets.set(name, {
      raw,
      cacheControl: name === 'widget.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
      encoded: {},
    });
  }
  return assets;
}

/** The asset in `encoding` (compressed at the first call, then kept), or null to send it uncompressed. */
async function encodedBody(asset: Asset, encoding: 'br' | 'gzip'): Promise<Buffer | null> {
  const pending = (asset.encoded[encoding] ??=
    encoding === 'br'
      ? brotliAsync(asset.raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : gzipAsync(asset.raw, { level: 9 }));
  try {
    return await pending;
  } catch {
    delete asset.encoded[encoding];
    return null;
  }
}

export async function widgetAssets(app: FastifyInstance, options: { widgetDir?: string | undefined }): Promise<void> {
  const dir = options.widgetDir ?? findWidgetDir();
  const assets = dir ? load(dir) : new Map<string, Asset>();
  if (!assets.has('widget.js')) app.log.warn('the widget is not built: /widget.js answers 503 (run npm start or npm run build)');

  const serve = (request: FastifyRequest, name: string) => ({
    asset: assets.get(name),
    encoding: pickEncoding(request.headers['accept-encoding']),
  });

  app.get('/widget.js', async (request, reply) => {
    const { asset, encoding } = serve(request, 'widget.js');
    if (!asset) {
      return reply
        .code(503)
        .type('application/javascript; charset=utf-8')
        .send('console.warn("[Parley] the widget is not built on this server.");');
    }
    return send(reply, asset, encoding);
  });

  app.get<{ Params: { hash: string } }>('/widget-chat.:hash', async (request, reply) => {
    const { asset, encoding } = serve(request, `widget-chat.${request.params.hash}`);
    if (!asset) return reply.code(404).send({ error: { code: 'not_found', message: 'No such widget file.' } });
    return send(reply, asset, encoding);
  });
}

type Encoding = 'br' | 'gzip' | 'identity';

function pickEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  if (/\bbr\b/.test(header)) return 'br';
  if (/\bgzip\b/.test(header)) return 'gzip';
  return 'identity';
}

async function send(reply: import('fastify').FastifyReply, asset: Asset, encoding: Encoding) {
  const body = encoding === 'identity' ? null : await encodedBody(asset, encoding);
  reply
    .type('application/javascript; charset=utf-8')
    .header('cache-control', asset.cacheControl)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    .header('cross-origin-resource-policy', 'cross-origin');
  if (body) reply.header('content-encoding', encoding);
  return reply.send(body ?? asset.raw);
}
