/**
 * Routing: who answers which conversation. A waiting conversation goes to the online agent with free
 * capacity and the fewest open chats, ties to the one assigned least recently. With nobody free it waits
 * in a FIFO queue; the queue drains in order whenever an agent comes online or frees a slot, and every
 * waiting visitor hears their new position. Conversations started outside business hours are left for an
 * agent to accept by hand. Draining goes through the group commit: a chat starting or closing never makes the
 * event loop wait for the disk.
 */
import { eq } from 'drizzle-orm';
import type { Agent } from '../agents/agents';
import { getAgent } from '../agents/agents';
import type { GroupCommit } from '../chat/group-commit';
import type { Conversation, Conversations } from '../conversations/conversations';
import { ParleyError } from '../errors/parley-error';
import { TOPICS, type Hub } from '../hub/hub';
import type { Presence } from '../presence/presence';
import type { Store } from '../store/database';
import { agents } from '../store/schema';

export interface Candidate {
  agent: Pick<Agent, 'id' | 'capacity' | 'lastAssignedAt' | 'createdAt'>;
  openCount: number;
}

/** The agent who should take the next conversation, or undefined when nobody has a free slot. */
export function pickAgent<C extends Candidate>(candidates: readonly C[]): C | undefined {
  let best: C | undefined;
  for (const candidate of candidates) {
    if (candidate.openCount >= candidate.agent.capacity) continue;
    if (!best || compare(candidate, best) < 0) best = candidate;
  }
  return best;
}

function compare(a: Candidate, b: Candidate): number {
  if (a.openCount !== b.openCount) return a.openCount - b.openCount;
  const lastA = a.agent.lastAssignedAt ?? -Infinity;
  const lastB = b.agent.lastAssignedAt ?? -Infinity;
  if (lastA !== lastB) return lastA < lastB ? -1 : 1;
  return a.agent.createdAt - b.agent.createdAt;
}

export class Routing {
  /** Assignment stamps strictly increase, so "least recently" is exact within a millisecond. */
  private lastStamp = 0;
  /** The callbacks of a drain queued in the group commit and not yet run (later drains join it). */
  private pending: Array<() => void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly conversations: Conversations,
    private readonly presence: Presence,
    private readonly hub: Hub,
    private readonly commits: GroupCommit,
    /** Where a drain that failed is reported (the queue waits for the next one). */
    private readonly reportError: (error: unknown) => void = () => {},
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Assigns waiting conversations, oldest first, while someone has a free slot. The assignments join the group
   * commit (the event loop never waits for their fsync, and one fsync covers a whole queue) and are announced
   * once durable; then `then` runs. Drains asked for before the next batch is stored are one drain.
   */
  drain(then?: () => void): void {
    if (this.pending) {
      if (then) this.pending.push(then);
      return;
    }
    const pending = (this.pending = then ? [then] : []);
    this.commits.enqueue(
      () => {
        this.pending = null; // a drain asked for from here on sees what this one assigns
        return this.assignWaiting();
      },
      (outcome) => {
        if (!outcome.ok) this.reportError(outcome.error);
        else if (outcome.value.length > 0) {
          this.announceAssigned(outcome.value);
          this.announceQueue();
        }
        for (const callback of pending) callback();
      },
    );
  }

  private assignWaiting(): Array<{ conversationId: string; agentId: string }> {
    const assigned: Array<{ conversationId: string; agentId: string }> = [];
    const queue = this.conversations.queue();
    if (queue.length === 0) return assigned;
    const candidates = this.presence.available();
    for (const conversation of queue) {
      if (conversation.fallbackReason === 'closed') continue;
      const candidate = pickAgent(candidates);
      if (!candidate) break;
      if (this.store.sqlite.transaction(() => this.assign(conversation, candidate.agent.id))()) {
        candidate.openCount += 1;
        candidate.agent.lastAssignedAt = this.lastStamp;
        assigned.push({ conversationId: conversation.id, agentId: candidate.agent.id });
      }
    }
    return assigned;
  }

  /** An agent's slot came free (a chat closed): their load changed, and the queue may move. */
  freed(agentId: string): void {
    this.presence.publish(agentId);
    this.drain();
  }

  /** After a new conversation: assign it now, or tell the visitor where they stand; then `then`. */
  route(conversationId: string, then?: () => void): void {
    this.drain(() => {
      const conversation = this.conversations.get(conversationId);
      if (conversation?.status === 'queued') this.publishConversation('conversation.queued', conversation);
      then?.();
    });
  }

  /**
   * An agent takes a waiting conversation. Exactly one of several racing agents wins. Through the group
   * commit: announced once durable, then `done` (with the refusal when another agent was first).
   */
  accept(agent: Agent, conversationId: string, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = this.conversations.get(conversationId);
        if (!conversation) throw new ParleyError('conversation_not_found');
        if (conversation.status === 'closed') throw new ParleyError('conversation_closed');
        if (!this.assign(conversation, agent.id)) throw new ParleyError('already_assigned');
        return conversation.id;
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        this.announceAssigned([{ conversationId: outcome.value, agentId: agent.id }]);
        this.announceQueue();
        done(null);
      },
    );
  }

  /** Hands an open conversation to another agent. Only its assignee or an admin may. Like `accept`, durable first. */
  transfer(actor: Agent, conversationId: string, toAgentId: string, done: (error: unknown) => void): void {
    this.commits.enqueue(
      () => {
        const conversation = this.conversations.get(conversationId);
        if (!conversation) throw new ParleyError('conversation_not_found');
        if (conversation.status !== 'open') {
          throw new ParleyError(conversation.status === 'closed' ? 'conversation_closed' : 'not_assigned_to_you');
        }
        if (conversation.assignedAgentId !== actor.id && actor.role !== 'admin') throw new ParleyError('not_assigned_to_you');
        const target = getAgent(this.store, toAgentId);
        if (!target || target.disabledAt !== null) throw new ParleyError('agent_not_found');
        this.conversations.reassign(conversation.id, target.id, this.clock());
        return { conversationId: conversation.id, agentIds: new Set([conversation.assignedAgentId, target.id]) };
      },
      (outcome) => {
        if (!outcome.ok) return done(outcome.error);
        this.publishConversation('conversation.assigned', this.mustGet(outcome.value.conversationId));
        for (const agentId of outcome.value.agentIds) if (agentId) this.presence.publish(agentId);
        this.drain();
        done(null);
      },
    );
  }

  /** Stores one assignment (the caller's transaction holds it and its agent's stamp together). */
  private assign(conversation: Conversation, agentId: string): boolean {
    const stamp = (this.lastStamp = Math.max(this.clock(), this.lastStamp + 1));
    if (!this.conversations.assign(conversation.id, agentId, stamp)) return false;
    this.store.db.update(agents).set({ lastAssignedAt: stamp }).where(eq(agents.id, agentId)).run();
    return true;
  }

  /** After the commit: each conversation to its new agent and shopper, then each agent's new load, once. */
  private announceAssigned(assigned: Array<{ conversationId: string; agentId: string }>): void {
    for (const { conversationId } of assigned) this.publishConversation('conversation.assigned', this.mustGet(conversationId));
    for (const agentId of new Set(assigned.map((item) => item.agentId))) this.presence.publish(agentId);
  }

  /** Tells each waiting visitor their place in their store's queue (counted in one pass, oldest first). */
  private announceQueue(): void {
    const places = new Map<string, number>();
    for (const conversation of this.conversations.queue()) {
      const position = (places.get(conversation.siteId) ?? 0) + 1;
      places.set(conversation.siteId, position);
      this.hub.publish(TOPICS.chat, { kind: 'queue', conversationId: conversation.id, visitorId: conversation.visitorId, position });
    }
  }

  private publishConversation(name: 'conversation.assigned' | 'conversation.queued', conversation: Conversation): void {
    this.hub.publish(TOPICS.chat, { kind: 'conversation', name, conversation: this.conversations.view(conversation) });
  }

  private mustGet(id: string): Conversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new Error(`conversation ${id} vanished`);
    return conversation;
  }
}
