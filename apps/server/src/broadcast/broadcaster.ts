/**
 * Decides who receives each hub event, in one place. The rules:
 * - a visitor gets their own conversation's messages, state, queue position, agent typing and agent reads,
 *   and never an internal note, never another visitor's anything, never agent presence;
 * - agents get every conversation state change, every presence change and every shopper profile change; messages, visitor typing and
 *   visitor reads go to the assignee and to agents who have the conversation open (everyone while it waits).
 * Each frame is serialised once and the same text is sent to every recipient.
 */
import type { ServerEvent } from '@parley/protocol';
import type { HubEvent } from '../hub/events';
import type { ConversationView } from '@parley/protocol';
import type { Connections, Peer } from './connections';

/** Per registry: told how long each message took from the hub (published right after its commit) to the last send. */
const deliveryObservers = new WeakMap<Connections, (seconds: number) => void>();

/** Measures message deliveries through `connections` (used by /metrics); returns a function that stops it. */
export function observeDeliveries(connections: Connections, observer: (seconds: number) => void): () => void {
  deliveryObservers.set(connections, observer);
  return () => deliveryObservers.delete(connections);
}

export function deliver(event: HubEvent, connections: Connections): void {
  switch (event.kind) {
    case 'message': {
      const observe = deliveryObservers.get(connections);
      const started = observe ? performance.now() : 0;
      const frame = text({ type: 'message.created', message: event.message });
      if (!event.message.internal) sendAll(connections.visitorPeers(event.conversation.visitorId), frame);
      sendAll(agentsFollowing(event.conversation, connections), frame);
      if (observe) observe((performance.now() - started) / 1000);
      return;
    }
    case 'conversation': {
      const frame = text({ type: event.name, conversation: event.conversation });
      sendAll(connections.visitorPeers(event.conversation.visitorId), frame);
      sendAll(connections.allAgentPeers(), frame);
      return;
    }
    case 'queue': {
      const frame = text({ type: 'queue.updated', conversationId: event.conversationId, position: event.position });
      sendAll(connections.visitorPeers(event.visitorId), frame);
      return;
    }
    case 'typing': {
      const frame = text({
        type: event.typing ? 'typing.started' : 'typing.stopped',
        conversationId: event.conversation.id,
        author: event.author,
      });
      if (event.author.type === 'agent') sendAll(connections.visitorPeers(event.conversation.visitorId), frame);
      else sendAll(agentsFollowing(event.conversation, connections), frame);
      return;
    }
    case 'read': {
      const frame = text({
        type: 'read.updated',
        conversationId: event.conversation.id,
        reader: event.reader,
        seq: event.seq,
      });
      if (event.reader === 'agent') sendAll(connections.visitorPeers(event.conversation.visitorId), frame);
      else sendAll(agentsFollowing(event.conversation, connections), frame);
      return;
    }
    case 'delivered': {
      const frame = text({ type: 'delivery.updated', conversationId: event.conversation.id, seq: event.seq });
      sendAll(connections.visitorPeers(event.conversation.visitorId), frame);
      return;
    }
    case 'presence': {
      sendAll(connections.allAgentPeers(), text({ type: 'agent.presence', agent: event.agent }));
      return;
    }
    case 'visitor': {
      sendAll(connections.allAgentPeers(), text({ type: 'visitor.updated', visitor: event.profile }));
      return;
    }
  }
}

/** The agent sockets that follow a conversation: its assignee and its watchers; everyone while it waits. */
function agentsFollowing(conversation: ConversationView, connections: Connections): Iterable<Peer> {
  if (conversation.status === 'queued') return connections.allAgentPeers();
  const peers = new Set(connections.watcherPeers(conversation.id));
  if (conversation.assignee) for (const peer of connections.agentPeers(conversation.assignee.id)) peers.add(peer);
  return peers;
}

function text(frame: ServerEvent): string {
  return JSON.stringify(frame);
}

function sendAll(peers: Iterable<Peer>, frame: string): void {
  for (const peer of peers) peer.send(frame);
}
