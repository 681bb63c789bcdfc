/**
 * The Parley process: configuration from the environment, logging, listening, the start-up banner and
 * graceful shutdown (sockets closed with 1001, database closed) on SIGTERM and SIGINT.
 */
import { buildApp } from './app';
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
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
    },
  });

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
  printBanner(config, app.defaultSite.key, app.firstStart);
}

function printBanner(config: Config, siteKey: string, firstStart: boolean): void {
  const snippet = `<script async src="${config.publicUrl}/widget.js" data-site="${siteKey}"></script>`;
  console.log(
    [
      '',
      `  Parley is running at ${config.publicUrl}`,
      `  Database:  ${config.dataDir}/parley.db${firstStart ? ' (created)' : ''}`,
      `  Site key:  ${siteKey}`,
      `  Embed:     ${snippet}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
