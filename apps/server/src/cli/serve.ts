/**
 * `parley serve` (the default command): configuration from the environment, logging (JSON, or pretty on
 * a terminal when pino-pretty is installed), listening, the start-up banner, warnings about risky settings
 * and graceful shutdown (sockets closed with 1001, database closed) on SIGTERM and SIGINT.
 */
import { startDemoStore, type DemoStore } from '@parley/demo-store';
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from '../app';
import { countAgents } from '../agents/agents';
import { loadConfig, type Config } from '../config/config';
import { parseCommand, EXIT, type CliIo, type Command } from './command';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the chat server (the default command)',
  usage: [
    'Usage: parley serve',
    '',
    'Runs Parley: the widget, the console at /console, the APIs and the sockets, on one port.',
    'Configured by environment variables (see the README): PORT, HOST, PARLEY_DATA_DIR, PARLEY_PUBLIC_URL,',
    'PARLEY_TRUST_PROXY, PARLEY_SMTP_URL, PARLEY_MAIL_FROM, PARLEY_LOG_LEVEL, PARLEY_DEMO, PARLEY_METRICS,',
    'PARLEY_METRICS_TOKEN. Stops cleanly on SIGTERM or Ctrl-C.',
  ].join('\n'),
  async run(args, io) {
    if (!parseCommand(this, args, io, {})) return EXIT.ok;
    await serve(loadConfig(io.env, io.cwd), io);
    return 'serving';
  },
};

const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'];

/** pino-pretty as a stream when this runs on a terminal and it is installed (not in a release folder). */
async function loggerOptions(config: Config): Promise<FastifyServerOptions['logger']> {
  const base = { level: config.logLevel, redact: REDACT };
  if (!process.stdout.isTTY || config.logLevel === 'silent') return base;
  try {
    const { default: pretty } = await import('pino-pretty');
    return { ...base, stream: pretty({ translateTime: 'HH:MM:ss', ignore: 'pid,hostname', sync: true }) };
  } catch {
    return base;
  }
}

async function serve(config: Config, io: CliIo): Promise<void> {
  const app = await buildApp({
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    trustProxy: config.trustProxy,
    metrics: config.metrics,
    logger: await loggerOptions(config),
  });

  let demo: DemoStore | null = null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received, shutting down`);
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s, exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await demo?.close();
      await app.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  const site = app.defaultSite;
  if (config.demo && site.identitySecret) {
    demo = await startDemoStore({ port: config.demo.port, host: config.host, parleyUrl: config.publicUrl, siteKey: site.key, identitySecret: site.identitySecret });
  }
  io.stdout.write(banner({ config, siteKey: site.key, firstStart: app.firstStart, setupNeeded: countAgents(app.store) === 0, demoUrl: demo?.url ?? null }));
  for (const warning of riskySettings(config, site.allowedOrigins, app.mail.configured)) app.log.warn(warning);
}

/** Settings a self-hoster should know are risky, said once at start. */
export function riskySettings(config: Config, allowedOrigins: string[], mailConfigured: boolean): string[] {
  const warnings: string[] = [];
  if (allowedOrigins.length === 0) {
    warnings.push('Any website may embed this chat: set the allowed origins in the console settings (Settings → Site).');
  }
  if (!mailConfigured) warnings.push('Email is not set up (PARLEY_SMTP_URL): offline messages wait in the outbox and reach the inbox only.');
  if (config.publicUrl.startsWith('http://') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(config.publicUrl)) {
    warnings.push(`PARLEY_PUBLIC_URL is plain HTTP (${config.publicUrl}): put Parley behind TLS so cookies and tokens stay private.`);
  }
  if (config.metrics.enabled && !config.metrics.token && config.host !== '127.0.0.1' && config.host !== 'localhost') {
    warnings.push('PARLEY_METRICS=1 without PARLEY_METRICS_TOKEN: anyone who reaches this port can read /metrics.');
  }
  return warnings;
}

function banner(info: { config: Config; siteKey: string; firstStart: boolean; setupNeeded: boolean; demoUrl: string | null }): string {
  const { config, siteKey } = info;
  const snippet = `<script async src="${config.publicUrl}/widget.js" data-site="${siteKey}"></script>`;
  return [
    '',
    `  Parley is running at ${config.publicUrl}`,
    `  Console:     ${config.publicUrl}/console${info.setupNeeded ? '   ← open it to create the first admin (setup needed)' : ''}`,
    ...(info.demoUrl ? [`  Demo store:  ${info.demoUrl}   (a storefront on its own origin with the chat; PARLEY_DEMO=0 turns it off)`] : []),
    `  Database:    ${config.dataDir}/parley.db${info.firstStart ? ' (created)' : ''}`,
    `  Site key:    ${siteKey}`,
    `  Embed:       ${snippet}`,
    '',
    '',
  ].join('\n');
}
