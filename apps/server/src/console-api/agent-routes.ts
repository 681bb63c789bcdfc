/**
 * Agents admin (list, add, edit, disable, reset password) and an agent's own password change. Ending
 * access is immediate: sessions are deleted and the agent's sockets are closed.
 */
import {
  changePasswordRequest,
  createAgentRequest,
  resetPasswordRequest,
  updateAgentRequest,
  type AgentAdminView,
} from '@parley/protocol';
import { and, eq, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { agentView, createAgent, findAgentByEmail, getAgent, listAgents, type Agent } from '../agents/agents';
import { hashPassword, verifyPassword } from '../auth/secrets';
import { ParleyError } from '../errors/parley-error';
import { parseBody } from '../http/parse-body';
import { agentSessions, agents } from '../store/schema';
import { requeueConversationsOf } from './conversation-actions';
import { adminOf, agentOf, sessionIdOf } from './guards';
import { agentSocketSessions } from './socket-sessions';

type IdParams = { Params: { id: string } };

export async function agentRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.store;
  const sockets = agentSocketSessions(app);
  const adminView = (agent: Agent): AgentAdminView => ({
    ...agentView(agent, app.connections.isAgentConnected(agent.id)),
    disabled: agent.disabledAt !== null,
    createdAt: agent.createdAt,
  });
  /** Ends every session of the agent but `keep`, and closes the sockets opened with them. */
  const endAccess = (agentId: string, keep?: string) => {
    const where = keep ? and(eq(agentSessions.agentId, agentId), ne(agentSessions.id, keep)) : eq(agentSessions.agentId, agentId);
    db.delete(agentSessions).where(where).run();
    sockets.closeAgent(agentId, keep);
  };
  const mustGet = (id: string) => {
    const agent = getAgent(app.store, id);
    if (!agent) throw new ParleyError('agent_not_found');
    return agent;
  };

  app.get('/api/v1/console/agents', async (request) => {
    adminOf(request);
    return { agents: listAgents(app.store).map(adminView) };
  });

  app.post('/api/v1/console/agents', async (request, reply) => {
    adminOf(request);
    const input = parseBody(createAgentRequest, request.body);
    const agent = await createAgent(app.store, input);
    return reply.code(201).send(adminView(agent));
  });

  app.patch<IdParams>('/api/v1/console/agents/:id', async (request) => {
    const admin = adminOf(request);
    const input = parseBody(updateAgentRequest, request.body);
    const agent = mustGet(request.params.id);
    if (agent.id === admin.id && (input.disabled === true || input.role === 'agent')) throw new ParleyError('cannot_change_self');
    if (input.email && input.email !== agent.email && findAgentByEmail(app.store, input.email)) throw new ParleyError('email_taken');
    const { disabled, ...fields } = input;
    const disabledAt = disabled === undefined ? agent.disabledAt : disabled ? (agent.disabledAt ?? Date.now()) : null;
    db.update(agents).set({ ...fields, disabledAt }).where(eq(agents.id, agent.id)).run();
    if (disabled) {
      endAccess(agent.id);
      requeueConversationsOf(app, agent.id);
    }
    app.presence.publish(agent.id);
    if (input.capacity !== undefined) app.assignment.drain();
    return adminView(mustGet(agent.id));
  });

  app.post<IdParams>('/api/v1/console/agents/:id/password', async (request, reply) => {
    adminOf(request);
    const { password } = parseBody(resetPasswordRequest, request.body);
    const agent = mustGet(request.params.id);
    db.update(agents).set({ passwordHash: await hashPassword(password) }).where(eq(agents.id, agent.id)).run();
    endAccess(agent.id, agent.id === agentOf(request).id ? sessionIdOf(request) : undefined);
    return reply.code(204).send();
  });

  app.post('/api/v1/console/me/password', async (request, reply) => {
    const agent = agentOf(request);
    const input = parseBody(changePasswordRequest, request.body);
    if (!(await verifyPassword(input.currentPassword, agent.passwordHash))) throw new ParleyError('wrong_password');
    db.update(agents).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(agents.id, agent.id)).run();
    endAccess(agent.id, sessionIdOf(request));
    return reply.code(204).send();
  });
}
