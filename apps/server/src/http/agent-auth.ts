/**
 * Console access: first-run setup, login, logout and `me`. Sessions ride in an httpOnly, SameSite=Strict
 * cookie; state-changing calls must come from the console's own origin.
 */
import { loginRequest, setupRequest } from '@parley/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { agentView, countAgents, createAgent, findAgentByEmail } from '../agents/agents';
import { agentForSession, endSession, SESSION_COOKIE, SESSION_TTL_MS, startSession } from '../auth/agent-sessions';
import { consoleOriginAllowed } from '../auth/console-origin';
import { verifyPassword } from '../auth/secrets';
import { ParleyError } from '../errors/parley-error';
import { renameSite } from '../sites/sites';
import { TokenBuckets } from '../fallback/token-bucket';
import { parseBody } from './parse-body';

export interface AgentAuthOptions {
  publicUrl: string;
}

/** A password hash to compare against when the email is unknown, so timing does not reveal accounts. */
const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(86);

/** Failed logins per account: 5, then one more every 3 minutes. Per IP, the HTTP rate limit applies. */
export const LOGIN_FAILURES = { burst: 5, refillSeconds: 180 };
const PUBLIC_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export async function agentAuthRoutes(app: FastifyInstance, options: AgentAuthOptions): Promise<void> {
  const secure = options.publicUrl.startsWith('https://');
  const failures = new TokenBuckets(LOGIN_FAILURES.burst, 1 / LOGIN_FAILURES.refillSeconds);

  const sameOrigin = async (request: FastifyRequest) => {
    if (!consoleOriginAllowed(request.headers.origin, request.headers.host, options.publicUrl)) {
      throw new ParleyError('origin_not_allowed');
    }
  };

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure,
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });

  app.get('/api/v1/setup', async () => ({ needed: countAgents(app.store) === 0 }));

  app.post('/api/v1/setup', { preHandler: sameOrigin, config: PUBLIC_LIMIT }, async (request, reply) => {
    const body = parseBody(setupRequest, request.body);
    if (countAgents(app.store) > 0) throw new ParleyError('setup_done');
    const agent = await createAgent(app.store, { ...body, role: 'admin' }, { onlyIfFirst: true });
    renameSite(app.store, app.defaultSite.id, body.storeName);
    setCookie(reply, await app.chat.commits.write(() => startSession(app.store, agent.id)));
    return reply.code(201).send({ agent: agentView(agent) });
  });

  app.post('/api/v1/auth/login', { preHandler: sameOrigin, config: PUBLIC_LIMIT }, async (request, reply) => {
    const body = parseBody(loginRequest, request.body);
    if (!failures.has(body.email)) throw new ParleyError('rate_limited', 'Too many failed logins for this account; try again in a few minutes.');
    const agent = findAgentByEmail(app.store, body.email);
    const valid = await verifyPassword(body.password, agent?.passwordHash ?? DECOY_HASH);
    if (!agent || !valid || agent.disabledAt !== null) {
      failures.take(body.email);
      throw new ParleyError('invalid_credentials');
    }
    // Through the group commit: the cookie is sent once the session is on disk, and the event loop never waits.
    setCookie(reply, await app.chat.commits.write(() => startSession(app.store, agent.id)));
    return { agent: agentView(agent) };
  });

  app.post('/api/v1/auth/logout', { preHandler: sameOrigin }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await app.chat.commits.write(() => endSession(app.store, token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/v1/me', async (request) => {
    const agent = agentForSession(app.store, request.cookies[SESSION_COOKIE]);
    if (!agent) throw new ParleyError('session_required');
    return { agent: agentView(agent) };
  });
}
