/** Inbox listing, conversation detail, reopen and tags: `/api/v1/console/conversations…`, `/api/v1/console/tags`. */
import { addTagRequest, inboxQuery, tagName } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { ParleyError } from '../errors/parley-error';
import { parseBody } from '../http/parse-body';
import { addTag, removeTag, reopenConversation } from './conversation-actions';
import { agentOf } from './guards';
import { Inbox } from './inbox';

type IdParams = { Params: { id: string } };

export async function conversationRoutes(app: FastifyInstance): Promise<void> {
  const inbox = new Inbox(app);

  app.get('/api/v1/console/conversations', async (request) => {
    const agent = agentOf(request);
    const query = parseBody(inboxQuery, request.query);
    return { conversations: inbox.list(query.view, agent.id, query.tag), counts: inbox.counts(agent.id), tags: inbox.tags() };
  });

  app.get<IdParams>('/api/v1/console/conversations/:id', async (request) => {
    agentOf(request);
    return inbox.detail(request.params.id);
  });

  app.post<IdParams>('/api/v1/console/conversations/:id/reopen', async (request) => {
    await reopenConversation(app, agentOf(request), request.params.id);
    return inbox.summaryOf(request.params.id);
  });

  app.get('/api/v1/console/tags', async () => ({ tags: inbox.tags() }));

  app.post<IdParams>('/api/v1/console/conversations/:id/tags', async (request) => {
    const { tag } = parseBody(addTagRequest, request.body);
    return { tags: await addTag(app, request.params.id, tag) };
  });

  app.delete<IdParams & { Params: { tag: string } }>('/api/v1/console/conversations/:id/tags/:tag', async (request) => {
    const tag = tagName.safeParse(request.params.tag);
    if (!tag.success) throw new ParleyError('not_found');
    return { tags: await removeTag(app, request.params.id, tag.data) };
  });
}
