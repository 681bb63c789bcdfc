/** Console sessions: a random cookie secret, stored as its hash, valid for 30 days. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Store } from '../store/database';
import { agentSessions, agents } from '../store/schema';
import type { Agent } from '../agents/agents';
import { hashToken, newToken } from './secrets';

export const SESSION_COOKIE = 'parley_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Starts a session and returns the secret for the cookie (routes run it inside a group-commit write). */
export function startSession(store: Store, agentId: string, now = Date.now()): string {
  const token = newToken();
  store.db
    .insert(agentSessions)
    .values({ id: hashToken(token), agentId, createdAt: now, expiresAt: now + SESSION_TTL_MS })
    .run();
  return token;
}

/** The enabled agent a live session belongs to, or undefined. */
export function agentForSession(store: Store, token: string | undefined, now = Date.now()): Agent | undefined {
  if (!token) return undefined;
  const row = store.db
    .select({ agent: agents })
    .from(agentSessions)
    .innerJoin(agents, eq(agents.id, agentSessions.agentId))
    .where(and(eq(agentSessions.id, hashToken(token)), gt(agentSessions.expiresAt, now), isNull(agents.disabledAt)))
    .get();
  return row?.agent;
}

export function endSession(store: Store, token: string): void {
  store.db.delete(agentSessions).where(eq(agentSessions.id, hashToken(token))).run();
}
