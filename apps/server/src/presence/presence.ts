/**
 * Agent presence: an agent is as available as they chose (online/away) while at least one console is
 * connected, and offline otherwise. Publishes each change so every console sees the team's load.
 */
import type { AgentPresence } from '@parley/protocol';
import { getAgent, listAgents, type Agent } from '../agents/agents';
import type { Conversations } from '../conversations/conversations';
import { TOPICS, type Hub } from '../hub/hub';
import type { Store } from '../store/database';

export class Presence {
  constructor(
    private readonly store: Store,
    private readonly conversations: Conversations,
    private readonly hub: Hub,
    private readonly isConnected: (agentId: string) => boolean,
  ) {}

  of(agent: Agent): AgentPresence {
    return {
      agentId: agent.id,
      name: agent.name,
      status: this.effectiveStatus(agent),
      openCount: this.conversations.openCountOf(agent.id),
      capacity: agent.capacity,
    };
  }

  all(): AgentPresence[] {
    return listAgents(this.store)
      .filter((agent) => agent.disabledAt === null)
      .map((agent) => this.of(agent));
  }

  /** Enabled agents who are connected and online, with their current load. */
  available(): Array<{ agent: Agent; openCount: number }> {
    return listAgents(this.store)
      .filter((agent) => this.effectiveStatus(agent) === 'online')
      .map((agent) => ({ agent, openCount: this.conversations.openCountOf(agent.id) }));
  }

  /** Tells every console about this agent's status and load. */
  publish(agentId: string): void {
    const agent = getAgent(this.store, agentId);
    if (agent) this.hub.publish(TOPICS.chat, { kind: 'presence', agent: this.of(agent) });
  }

  private effectiveStatus(agent: Agent): AgentPresence['status'] {
    if (agent.disabledAt !== null || !this.isConnected(agent.id)) return 'offline';
    return agent.status;
  }
}
