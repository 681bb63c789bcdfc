/** What services publish on the hub. Plain JSON so another hub implementation can carry them. */
import type { AgentPresence, ConversationEventName, ConversationView, MessageView, VisitorProfile } from '@parley/protocol';

export type HubEvent =
  | {
      kind: 'message';
      conversation: ConversationView;
      message: MessageView;
    }
  | { kind: 'conversation'; name: ConversationEventName; conversation: ConversationView }
  | { kind: 'queue'; conversationId: string; visitorId: string; position: number }
  | {
      kind: 'typing';
      conversation: ConversationView;
      typing: boolean;
      author: { type: 'visitor' | 'agent'; id: string; name: string | null };
    }
  | { kind: 'read'; conversation: ConversationView; reader: 'visitor' | 'agent'; seq: number }
  | { kind: 'delivered'; conversation: ConversationView; seq: number }
  | { kind: 'presence'; agent: AgentPresence }
  | { kind: 'visitor'; profile: VisitorProfile };
