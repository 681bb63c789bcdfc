/**
 * Configuration from the environment, validated with zod. A bad value stops the start with a message
 * naming the variable, what it got and what it expects.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

/** Variables whose values may hold a password: never echoed in an error. */
const SECRET_VARIABLES = new Set(['PARLEY_SMTP_URL', 'PARLEY_METRICS_TOKEN']);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const environment = z.object({
  PORT: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  PARLEY_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  PARLEY_PUBLIC_URL: z
    .url({ message: 'must be an absolute http(s) URL, e.g. https://chat.example.com' })
    .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
    .optional(),
  PARLEY_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must look like smtp://user:pass@host:587 or smtps://…')
    .optional(),
  PARLEY_MAIL_FROM: z.string().min(3, 'must be an address, e.g. "Boot Barn <shop@example.com>"').default('Parley <parley@localhost>'),
  PARLEY_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, 'must be true, false, or proxy addresses/CIDRs separated by commas')
    .default('false'),
  PARLEY_DEMO: z.enum(['0', '1'], { message: 'must be 0 (off) or 1 (on)' }).default('1'),
  PARLEY_DEMO_PORT: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .optional(),
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  PARLEY_METRICS: z.enum(['0', '1'], { message: 'must be 0 (off) or 1 (on, open to anyone who reaches /metrics)' }).default('0'),
  PARLEY_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (e.g. from `openssl rand -hex 24`)').optional(),
});

/** What the process runs with. */
export interface Config {
  port: number;
  host: string;
  /** Absolute folder holding `parley.db`. */
  dataDir: string;
  /** Where browsers reach this server; defaults to http://HOST:PORT. No trailing slash. */
  publicUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** SMTP server URL; unset, mail waits in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Proxies trusted for the client address: none, all, or these addresses/CIDRs. */
  trustProxy: boolean | string[];
  /** The demo storefront on its own port, or null when PARLEY_DEMO=0. */
  demo: { port: number } | null;
  /**
   * `GET /metrics`: off unless enabled (PARLEY_METRICS=1) or a token is set (PARLEY_METRICS_TOKEN); with a
   * token, a scraper must send `Authorization: Bearer <token>`.
   */
  metrics: { enabled: boolean; token: string | undefined };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the configuration from `env`; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const present = Object.fromEntries(
    Object.keys(environment.shape).flatMap((key) => (env[key] === undefined || env[key] === '' ? [] : [[key, env[key]]])),
  );
  const parsed = environment.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const shown = SECRET_VARIABLES.has(name) ? '(value hidden)' : JSON.stringify(present[name]);
      return `  ${name}=${shown} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const shownHost = value.HOST === '0.0.0.0' || value.HOST === '::' ? 'localhost' : value.HOST;
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(cwd, value.PARLEY_DATA_DIR),
    publicUrl: (value.PARLEY_PUBLIC_URL ?? `http://${shownHost}:${value.PORT}`).replace(/\/+$/, ''),
    logLevel: value.PARLEY_LOG_LEVEL,
    smtpUrl: value.PARLEY_SMTP_URL,
    mailFrom: value.PARLEY_MAIL_FROM,
    trustProxy: value.PARLEY_TRUST_PROXY === 'true' ? true : value.PARLEY_TRUST_PROXY === 'false' ? false : value.PARLEY_TRUST_PROXY.split(','),
    demo: value.PARLEY_DEMO === '1' ? { port: value.PARLEY_DEMO_PORT ?? (value.PORT === 0 ? 0 : value.PORT + 1) } : null,
    metrics: { enabled: value.PARLEY_METRICS === '1', token: value.PARLEY_METRICS_TOKEN },
  };
}
