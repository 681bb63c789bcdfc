/**
 * What the agent socket tells the console, folded into one state: the team's presence, every queued and
 * open conversation, who is typing where, and how far shoppers have read. Pure, so it is easy to test.
 */
import type { AgentPresence, ConversationView, ServerEvent } from '@parley/protocol';

export interface LiveState {
  presence: Record<string, AgentPresence>;
  active: Record<string, ConversationView>;
  /** Conversation id → the shopper's name while they type. */
  typing: Record<string, string>;
  /** Conversation id → highest seq the shopper has read. */
  visitorRead: Record<string, number>;
}

export const EMPTY_LIVE_STATE: LiveState = { presence: {}, active: {}, typing: {}, visitorRead: {} };

export function liveReducer(state: LiveState, event: ServerEvent): LiveState {
  switch (event.type) {
    case 'session.ready':
      return {
        ...state,
        presence: Object.fromEntries((event.agents ?? []).map((agent) => [agent.agentId, agent])),
        active: Object.fromEntries(event.conversations.map((conversation) => [conversation.id, conversation])),
      };
    case 'agent.presence':
      return { ...state, presence: { ...state.presence, [event.agent.agentId]: event.agent } };
    case 'conversation.created':
    case 'conversation.queued':
    case 'conversation.assigned':
    case 'conversation.closed':
    case 'conversation.rated':
    case 'conversation.fallback':
    case 'conversation.offline':
    case 'conversation.replayed': {
      const conversation = event.conversation;
      const active = { ...state.active };
      if (conversation.status === 'closed') delete active[conversation.id];
      else active[conversation.id] = conversation;
      return { ...state, active };
    }
    case 'typing.started':
    case 'typing.stopped': {
      if (event.author.type !== 'visitor') return state;
      const typing = { ...state.typing };
      if (event.type === 'typing.started') typing[event.conversationId] = event.author.name ?? '';
      else delete typing[event.conversationId];
      return { ...state, typing };
    }
    case 'message.created': {
      if (event.message.author.type !== 'visitor' || !(event.message.conversationId in state.typing)) return state;
      const typing = { ...state.typing };
      delete typing[event.message.conversationId];
      return { ...state, typing };
    }
    case 'read.updated':
      if (event.reader !== 'visitor') return state;
      return { ...state, visitorRead: { ...state.visitorRead, [event.conversationId]: event.seq } };
    default:
      return state;
  }
}

/** Open conversations assigned to `agentId`. */
export function openCountOf(state: LiveState, agentId: string): number {
  return Object.values(state.active).filter((c) => c.status === 'open' && c.assignee?.id === agentId).length;
}
