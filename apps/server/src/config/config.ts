/**
 * Configuration from the environment, validated with zod. A bad value stops the start with a message
 * naming the variable, what it got and what it expects.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

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
  PARLEY_LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
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
      return `  ${name}=${JSON.stringify(present[name])} ${issue.message}`;
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
  };
}
