/**
 * Access rules for every console endpoint: a live session (401 `session_required`), the console's own
 * Origin on state-changing calls (403 `origin_not_allowed`), and the admin role where asked (403 `forbidden`).
 * And every console answer waits until what it read is durable, as a resume does.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Agent } from '../agents/agents';
import { agentForSession, SESSION_COOKIE } from '../auth/agent-sessions';
import { consoleOriginAllowed } from '../auth/console-origin';
import { hashToken } from '../auth/secrets';
import { ParleyError } from '../errors/parley-error';

const signedIn = new WeakMap<FastifyRequest, Agent>();
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the session and origin checks, and the wait for durability, to every route of `app` (an encapsulated plugin). */
export function guardConsoleRoutes(app: FastifyInstance, publicUrl: string): void {
  app.addHook('onRequest', async (request) => {
    if (!SAFE_METHODS.has(request.method) && !consoleOriginAllowed(request.headers.origin, request.headers.host, publicUrl)) {
      throw new ParleyError('origin_not_allowed');
    }
    const agent = agentForSession(app.store, request.cookies[SESSION_COOKIE]);
    if (!agent) throw new ParleyError('session_required');
    signedIn.set(request, agent);
  });
  // A message is visible to reads from its commit, a moment before its fsync ends: no answer may show what a
  // crash could still lose (an agent would reply to a message that never existed, under a seq then reused).
  app.addHook('onSend', (_request, _reply, payload, done) => app.chat.commits.whenDurable(() => done(null, payload)));
}

/** The signed-in agent of a guarded request. */
export function agentOf(request: FastifyRequest): Agent {
  const agent = signedIn.get(request);
  if (!agent) throw new ParleyError('session_required');
  return agent;
}

/** The signed-in agent, who must be an admin. */
export function adminOf(request: FastifyRequest): Agent {
  const agent = agentOf(request);
  if (agent.role !== 'admin') throw new ParleyError('forbidden');
  return agent;
}

/** The id of the session this request carries (the hash of its cookie). */
export function sessionIdOf(request: FastifyRequest): string | undefined {
  const token = request.cookies[SESSION_COOKIE];
  return token ? hashToken(token) : undefined;
}
