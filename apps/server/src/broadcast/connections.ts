/**
 * Which sockets this process holds: visitors by visitor id, agents by agent id, and which agent sockets
 * watch which conversation. Only the broadcaster and the gateways use it.
 */

/** One open socket, as the registry needs it. */
export interface Peer {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export class Connections {
  private readonly visitors = new Map<string, Set<Peer>>();
  private readonly agents = new Map<string, Set<Peer>>();
  private readonly watchers = new Map<string, Set<Peer>>();
  private readonly watched = new Map<Peer, Set<string>>();

  addVisitor(visitorId: string, peer: Peer): void {
    add(this.visitors, visitorId, peer);
  }

  removeVisitor(visitorId: string, peer: Peer): void {
    remove(this.visitors, visitorId, peer);
  }

  /** Returns how many sockets the agent now has. */
  addAgent(agentId: string, peer: Peer): number {
    return add(this.agents, agentId, peer);
  }

  /** Returns how many sockets the agent still has. */
  removeAgent(agentId: string, peer: Peer): number {
    for (const conversationId of this.watched.get(peer) ?? []) remove(this.watchers, conversationId, peer);
    this.watched.delete(peer);
    return remove(this.agents, agentId, peer);
  }

  /** The agent socket wants every message of this conversation (it has it open). */
  watch(conversationId: string, peer: Peer): void {
    add(this.watchers, conversationId, peer);
    let set = this.watched.get(peer);
    if (!set) this.watched.set(peer, (set = new Set()));
    set.add(conversationId);
  }

  visitorPeers(visitorId: string): ReadonlySet<Peer> {
    return this.visitors.get(visitorId) ?? EMPTY;
  }

  agentPeers(agentId: string): ReadonlySet<Peer> {
    return this.agents.get(agentId) ?? EMPTY;
  }

  watcherPeers(conversationId: string): ReadonlySet<Peer> {
    return this.watchers.get(conversationId) ?? EMPTY;
  }

  *allAgentPeers(): Iterable<Peer> {
    for (const peers of this.agents.values()) yield* peers;
  }

  isAgentConnected(agentId: string): boolean {
    return this.agents.has(agentId);
  }

  /** Every agent and visitor socket of every id. */
  *allPeers(): Iterable<Peer> {
    for (const peers of this.visitors.values()) yield* peers;
    yield* this.allAgentPeers();
  }

  counts(): { visitors: number; agents: number } {
    let visitors = 0;
    let agents = 0;
    for (const peers of this.visitors.values()) visitors += peers.size;
    for (const peers of this.agents.values()) agents += peers.size;
    return { visitors, agents };
  }
}

const EMPTY: ReadonlySet<Peer> = new Set();

function add(map: Map<string, Set<Peer>>, key: string, peer: Peer): number {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(peer);
  return set.size;
}

function remove(map: Map<string, Set<Peer>>, key: string, peer: Peer): number {
  const set = map.get(key);
  if (!set) return 0;
  set.delete(peer);
  if (set.size === 0) map.delete(key);
  return set.size;
}
