/**
 * Frames the agents' console sends on the agent socket. The socket is authenticated by the session
 * cookie at the handshake, so there is no auth frame.
 */
import { z } from 'zod';
import { agentStatus, clientId, messageText, recordId, ref, seq } from '../shared/views';

export const agentSend = z.object({
  type: z.literal('message.send'),
  clientId,
  conversationId: recordId,
  text: messageText,
  /** An internal note: shown to agents, never to the shopper. */
  internal: z.boolean().optional(),
});

const conversationTarget = { conversationId: recordId, ref };

export const agentCommand = z.discriminatedUnion('type', [
  agentSend,
  z.object({ type: z.literal('conversation.resume'), lastSeq: seq, ...conversationTarget }),
  z.object({ type: z.literal('conversation.accept'), ...conversationTarget }),
  z.object({ type: z.literal('conversation.close'), ...conversationTarget }),
  z.object({ type: z.literal('conversation.transfer'), agentId: recordId, ...conversationTarget }),
  z.object({ type: z.literal('typing.start'), ...conversationTarget }),
  z.object({ type: z.literal('typing.stop'), ...conversationTarget }),
  z.object({ type: z.literal('read.mark'), seq, ...conversationTarget }),
  /** The console received the shopper's messages up to `seq`: they show as delivered to the shopper. */
  z.object({ type: z.literal('delivered.mark'), seq, ...conversationTarget }),
  z.object({ type: z.literal('agent.status'), status: agentStatus, ref }),
  z.object({ type: z.literal('ping'), ref }),
]);
export type AgentCommand = z.infer<typeof agentCommand>;
export type AgentSend = z.infer<typeof agentSend>;
