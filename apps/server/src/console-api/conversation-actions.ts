/**
 * Console-only changes to a conversation: reopening a closed one (it goes to the agent who reopens it)
 * and tagging. State changes go through the group commit and publish on the hub once durable.
 */
import type { FastifyInstance } from 'fastify';
import type { Agent } from '../agents/agents';
import { ParleyError } from '../errors/parley-error';
import { TOPICS } from '../hub/hub';

/** Reopens a closed conversation for `agent`. Refused while the shopper has another one open. */
export async function reopenConversation(app: FastifyInstance, agent: Agent, conversationId: string, now = Date.now()): Promise<void> {
  const { conversations, store } = app;
  await app.chat.commits.write(() => {
    const conversation = conversations.get(conversationId);
    if (!conversation) throw new ParleyError('conversation_not_found');
    if (conversation.status !== 'closed') throw new ParleyError('conversation_not_closed', 'Only a closed conversation can be reopened.');
    if (conversations.activeOf(conversation.visitorId)) throw new ParleyError('newer_conversation_open');
    store.sqlite
      .prepare(`UPDATE conversations SET status = 'open', assigned_agent_id = ?, assigned_at = ?, closed_at = NULL WHERE id = ? AND status = 'closed'`)
      .run(agent.id, now, conversationId);
  });
  const reopened = conversations.get(conversationId)!;
  app.hub.publish(TOPICS.chat, { kind: 'conversation', name: 'conversation.assigned', conversation: conversations.view(reopened) });
  app.presence.publish(agent.id);
}

export function tagsOf(app: FastifyInstance, conversationId: string): string[] {
  return app.store.sqlite
    .prepare<[string], { tag: string }>(`SELECT tag FROM conversation_tags WHERE conversation_id = ? ORDER BY tag`)
    .all(conversationId)
    .map((row) => row.tag);
}

/** Tags a conversation (once); the tags it has then. Through the group commit, like every console change. */
export function addTag(app: FastifyInstance, conversationId: string, tag: string, now = Date.now()): Promise<string[]> {
  return app.chat.commits.write(() => {
    if (!app.conversations.get(conversationId)) throw new ParleyError('conversation_not_found');
    app.store.sqlite
      .prepare(`INSERT INTO conversation_tags (conversation_id, tag, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`)
      .run(conversationId, tag, now);
    return tagsOf(app, conversationId);
  });
}

export function removeTag(app: FastifyInstance, conversationId: string, tag: string): Promise<string[]> {
  return app.chat.commits.write(() => {
    if (!app.conversations.get(conversationId)) throw new ParleyError('conversation_not_found');
    app.store.sqlite.prepare(`DELETE FROM conversation_tags WHERE conversation_id = ? AND tag = ?`).run(conversationId, tag);
    return tagsOf(app, conversationId);
  });
}

/** A disabled agent's open conversations go back to the queue (in their original order) and get routed. */
export function requeueConversationsOf(app: FastifyInstance, agentId: string): number {
  const ids = app.store.sqlite.transaction(() => {
    const rows = app.store.sqlite
      .prepare<[string], { id: string }>(`SELECT id FROM conversations WHERE assigned_agent_id = ? AND status = 'open'`)
      .all(agentId);
    app.store.sqlite
      .prepare(
        `UPDATE conversations SET status = 'queued', assigned_agent_id = NULL, assigned_at = NULL,
           queued_at = coalesce(queued_at, created_at) WHERE assigned_agent_id = ? AND status = 'open'`,
      )
      .run(agentId);
    return rows.map((row) => row.id);
  })();
  for (const id of ids) {
    const conversation = app.conversations.get(id);
    if (conversation) app.hub.publish(TOPICS.chat, { kind: 'conversation', name: 'conversation.queued', conversation: app.conversations.view(conversation) });
  }
  if (ids.length > 0) app.assignment.drain();
  return ids.length;
}
