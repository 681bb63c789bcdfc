/** Agents: the people who answer, with their role, capacity and chosen availability. */
import type { AgentStatus, AgentView } from '@parley/protocol';
import { count, eq, sql } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import { hashPassword } from '../auth/secrets';
import { ParleyError } from '../errors/parley-error';
import type { Store } from '../store/database';
import { preparedOnce } from '../store/prepared';
import { agents } from '../store/schema';

export type Agent = typeof agents.$inferSelect;

export interface NewAgent {
  email: string;
  name: string;
  password: string;
  role: 'admin' | 'agent';
  capacity?: number;
}

/**
 * Creates an agent. Throws `email_taken` when the email is in use, and with `onlyIfFirst`, `setup_done`
 * when any agent exists. The check and the insert run in one transaction, so racing calls cannot both win.
 */
export async function createAgent(
  store: Store,
  input: NewAgent,
  options: { onlyIfFirst?: boolean; now?: number } = {},
): Promise<Agent> {
  const agent: Agent = {
    id: nanoid(),
    email: input.email.toLowerCase(),
    name: input.name,
    role: input.role,
    passwordHash: await hashPassword(input.password),
    capacity: input.capacity ?? 5,
    status: 'online',
    lastAssignedAt: null,
    disabledAt: null,
    createdAt: options.now ?? Date.now(),
  };
  store.sqlite.transaction(() => {
    if (options.onlyIfFirst && countAgents(store) > 0) throw new ParleyError('setup_done');
    if (findAgentByEmail(store, agent.email)) throw new ParleyError('email_taken');
    store.db.insert(agents).values(agent).run();
  })();
  return agent;
}

export function countAgents(store: Store): number {
  return store.db.select({ n: count() }).from(agents).get()?.n ?? 0;
}

export function findAgentByEmail(store: Store, email: string): Agent | undefined {
  return store.db.select().from(agents).where(eq(agents.email, email.toLowerCase())).get();
}

const agentById = preparedOnce((store) => store.db.select().from(agents).where(eq(agents.id, sql.placeholder('id'))).prepare());

/** Read on every agent command (role and status may change), so prepared once. */
export function getAgent(store: Store, agentId: string): Agent | undefined {
  return agentById(store).get({ id: agentId });
}

/**
 * A number that changes whenever any agent row changes through this store's connection (a temp trigger
 * calls back into the process), so a caller can keep an agent it read until then. Every agent socket
 * frame used to read its agent again, the largest single read of a busy server.
 */
export const agentsVersion = preparedOnce((store) => {
  let version = 0;
  store.sqlite.function('parley_agents_changed', { deterministic: false, varargs: false }, () => {
    version += 1;
    return null;
  });
  for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
    store.sqlite.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS parley_agents_${event.toLowerCase()} AFTER ${event} ON main.agents BEGIN SELECT parley_agents_changed(); END`,
    );
  }
  return () => version;
});

const allAgents = preparedOnce((store) => store.db.select().from(agents).orderBy(agents.createdAt).prepare());

/** Read whenever routing or the fallback asks who is available, so prepared once. */
export function listAgents(store: Store): Agent[] {
  return allAgents(store).all();
}

export function setAgentStatus(store: Store, agentId: string, status: AgentStatus): void {
  store.db.update(agents).set({ status }).where(eq(agents.id, agentId)).run();
}

/** The agent as the console sees them; `status` is what they chose, or offline when not connected. */
export function agentView(agent: Agent, connected = true): AgentView {
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    role: agent.role,
    capacity: agent.capacity,
    status: connected ? agent.status : 'offline',
  };
}
