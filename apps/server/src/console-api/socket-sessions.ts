/**
 * Which console session each agent socket was opened with, so a password change can close the agent's
 * other sockets and a disabled agent loses every socket. One registry per app instance.
 */
import { CLOSE_CODES } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import type { Peer } from '../broadcast/connections';

interface Tracked {
  agentId: string;
  sessionId: string;
}

export class AgentSocketSessions {
  private readonly sockets = new Map<Peer, Tracked>();

  /** Remembers the socket; returns the function to call when it closes. */
  track(agentId: string, sessionId: string, peer: Peer): () => void {
    this.sockets.set(peer, { agentId, sessionId });
    return () => this.sockets.delete(peer);
  }

  /** Closes the agent's sockets, except those opened with `keepSessionId`. Returns how many closed. */
  closeAgent(agentId: string, keepSessionId?: string): number {
    let closed = 0;
    for (const [peer, tracked] of [...this.sockets]) {
      if (tracked.agentId !== agentId || tracked.sessionId === keepSessionId) continue;
      this.sockets.delete(peer);
      peer.close(CLOSE_CODES.sessionEnded, 'session ended');
      closed += 1;
    }
    return closed;
  }
}

/** Keyed by the app's store: one per app, shared by every encapsulated plugin of it. */
const registries = new WeakMap<object, AgentSocketSessions>();

export function agentSocketSessions(app: FastifyInstance): AgentSocketSessions {
  let registry = registries.get(app.store);
  if (!registry) registries.set(app.store, (registry = new AgentSocketSessions()));
  return registry;
}
