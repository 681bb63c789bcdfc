/**
 * `GET /metrics` in Prometheus text format. Off (404) unless enabled with PARLEY_METRICS=1 or a token is
 * set (PARLEY_METRICS_TOKEN: then only `Authorization: Bearer <token>` gets them). Counts that live in the
 * database are read at scrape time; the hot path pays for one counter increment and one histogram
 * observation per message, one per durable write and one per fsync. `prom-client` is imported only when
 * metrics are on (idle memory when off).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { observeDeliveries } from '../broadcast/broadcaster';
import { TOPICS } from '../hub/hub';

export interface MetricsOptions {
  /** Serve /metrics to anyone who reaches it. */
  enabled?: boolean;
  /** Serve /metrics to requests bearing this token (required even when `enabled`). */
  token?: string | undefined;
}

const CONVERSATION_STATES = ['queued', 'open', 'closed', 'offline'] as const;
const MAIL_STATES = ['queued', 'sent', 'failed'] as const;

type PromClient = typeof import('prom-client');

/** Builds the registry of Parley's metrics over `app`'s services, with the given `prom-client`. */
export function parleyRegistry(app: FastifyInstance, prom: PromClient): { registry: Registry; stop: () => void } {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = prom;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const sqlite = app.store.sqlite;
  const countBy = (sql: string) => () => new Map((sqlite.prepare(sql).all() as { key: string; n: number }[]).map((row) => [row.key, row.n]));
  const conversationsByState = countBy('SELECT status AS key, count(*) AS n FROM conversations GROUP BY status');
  const mailByState = countBy('SELECT state AS key, count(*) AS n FROM mail_outbox GROUP BY state');

  new Gauge({
    name: 'parley_open_sockets',
    help: 'Open WebSocket connections held by this process, by kind (visitor, agent).',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      const counts = app.connections.counts();
      this.set({ kind: 'visitor' }, counts.visitors);
      this.set({ kind: 'agent' }, counts.agents);
    },
  });
  new Gauge({
    name: 'parley_conversations',
    help: 'Conversations by state.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (!sqlite.open) return;
      const counts = conversationsByState();
      for (const state of CONVERSATION_STATES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
  new Gauge({
    name: 'parley_queue_length',
    help: 'Conversations waiting for an agent.',
    registers: [registry],
    collect() {
      if (!sqlite.open) return;
      this.set(conversationsByState().get('queued') ?? 0);
    },
  });
  new Gauge({
    name: 'parley_mail_outbox',
    help: 'Mails in the outbox by state (queued: waiting or retrying).',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (!sqlite.open) return;
      const counts = mailByState();
      for (const state of MAIL_STATES) this.set({ state }, counts.get(state) ?? 0);
    },
  });
  const stored = new Counter({
    name: 'parley_messages_stored_total',
    help: 'Messages stored since start (rate() gives messages per second).',
    registers: [registry],
  });
  const delivery = new Histogram({
    name: 'parley_delivery_seconds',
    help: 'Time from a message commit to its last socket send, in seconds.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [registry],
  });
  // The disk's share: every acknowledgement waits for one fsync of the log (chat/group-commit.ts).
  const walSync = new Histogram({
    name: 'parley_wal_sync_seconds',
    help: "Duration of each fsync of SQLite's write-ahead log; every acknowledged write waits for one.",
    buckets: [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const durable = new Histogram({
    name: 'parley_write_durable_seconds',
    help: 'Time from a write (message, mark) joining the group commit to its being stored and fsynced, per write.',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const unobserveCommits = app.chat.commits.observe(({ syncSeconds, waitSeconds }) => {
    walSync.observe(syncSeconds);
    for (const seconds of waitSeconds) durable.observe(seconds);
  });
  const unsubscribe = app.hub.subscribe(TOPICS.chat, (event) => {
    if (event.kind === 'message') stored.inc();
  });
  const unobserve = observeDeliveries(app.connections, (seconds) => delivery.observe(seconds));
  return {
    registry,
    stop: () => {
      unsubscribe();
      unobserve();
      unobserveCommits();
      registry.clear();
    },
  };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function metricsRoutes(app: FastifyInstance, options: MetricsOptions): Promise<void> {
  const token = options.token;
  if (!options.enabled && !token) {
    app.get('/metrics', async (_request, reply) =>
      reply.code(404).send({ error: { code: 'not_found', message: 'Metrics are off: set PARLEY_METRICS=1 or PARLEY_METRICS_TOKEN.' } }),
    );
    return;
  }
  const { registry, stop } = parleyRegistry(app, await import('prom-client'));
  app.addHook('onClose', async () => stop());
  app.get('/metrics', async (request, reply) => {
    if (token) {
      const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="parley-metrics"')
          .send({ error: { code: 'unauthorized', message: 'Send Authorization: Bearer <PARLEY_METRICS_TOKEN>.' } });
      }
    }
    const body = await registry.metrics();
    return reply.header('cache-control', 'no-store').type(registry.contentType).send(body);
  });
}
