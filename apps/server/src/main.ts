/**
 * The Parley process: configuration from the environment, logging, listening, the start-up banner and
 * graceful shutdown (sockets closed with 1001, database closed) on SIGTERM and SIGINT.
 */
import { startDemoStore, type DemoStore } from '@parley/demo-store';
import { buildApp } from './app';
import { countAgents } from './agents/agents';
import { ConfigError, loadConfig, type Config } from './config/config';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n✖ ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const pretty = process.stdout.isTTY && config.logLevel !== 'silent';
  const app = await buildApp({
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    },
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
  printBanner({ config, siteKey: site.key, firstStart: app.firstStart, setupNeeded: countAgents(app.store) === 0, demoUrl: demo?.url ?? null });
  for (const warning of riskySettings(config, site.allowedOrigins, app.mail.configured)) app.log.warn(warning);
}

/** Settings a self-hoster should know are risky, said once at start. */
function riskySettings(config: Config, allowedOrigins: string[], mailConfigured: boolean): string[] {
  const warnings: string[] = [];
  if (allowedOrigins.length === 0) {
    warnings.push('Any website may embed this chat: set the allowed origins in the console settings (Settings → Site).');
  }
  if (!mailConfigured) warnings.push('Email is not set up (PARLEY_SMTP_URL): offline messages wait in the outbox and reach the inbox only.');
  if (config.publicUrl.startsWith('http://') && !/^http:\/\/(127\.0\.0\.1|localhost)(:|$)/.test(config.publicUrl)) {
    warnings.push(`PARLEY_PUBLIC_URL is plain HTTP (${config.publicUrl}): put Parley behind TLS so cookies and tokens stay private.`);
  }
  return warnings;
}

function printBanner(info: { config: Config; siteKey: string; firstStart: boolean; setupNeeded: boolean; demoUrl: string | null }): void {
  const { config, siteKey } = info;
  const snippet = `<script async src="${config.publicUrl}/widget.js" data-site="${siteKey}"></script>`;
  console.log(
    [
      '',
      `  Parley is running at ${config.publicUrl}`,
      `  Console:     ${config.publicUrl}/console${info.setupNeeded ? '   ← open it to create the first admin (setup needed)' : ''}`,
      ...(info.demoUrl ? [`  Demo store:  ${info.demoUrl}   (a storefront on its own origin with the chat; PARLEY_DEMO=0 turns it off)`] : []),
      `  Database:    ${config.dataDir}/parley.db${info.firstStart ? ' (created)' : ''}`,
      `  Site key:    ${siteKey}`,
      `  Embed:       ${snippet}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
