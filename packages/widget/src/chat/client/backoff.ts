/** Reconnect delays: exponential from `baseMs`, capped at `maxMs` (30 s), with full jitter. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000, random: Math.random };

/** The delay before reconnect attempt `attempt` (0 = first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}
