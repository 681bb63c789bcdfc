/**
 * Wires the database, hub, registry and services together and exposes them as typed Fastify decorators.
 * The broadcaster is subscribed here: it is the only listener that writes to sockets.
 */
import fp from 'fastify-plugin';
import { deliver } from '../broadcast/broadcaster';
import { Connections } from '../broadcast/connections';
import { ChatService, groupCommitOf } from '../chat/chat-service';
import { Conversations } from '../conversations/conversations';
import { InProcessHub, TOPICS, type Hub } from '../hub/hub';
import { MessageLog } from '../messages/message-log';
import { SearchIndex } from '../messages/search-index';
import { Presence } from '../presence/presence';
import { Routing } from '../routing/routing';
import { Faq } from '../faq/faq';
import { FallbackService } from '../fallback/fallback-service';
import { MailOutbox, type MailOptions } from '../mail/mail-outbox';
import { ensureDefaultSite, type Site } from '../sites/sites';
import { openStore, type Store } from '../store/database';

export interface ServicesOptions {
  databaseFile: string;
  mail: MailOptions;
  migrationsDir?: string;
  synchronous?: 'FULL' | 'NORMAL';
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    hub: Hub;
    connections: Connections;
    conversations: Conversations;
    presence: Presence;
    assignment: Routing;
    chat: ChatService;
    messages: MessageLog;
    /** Transcript search's index, filled in batches (`catchUp()` before a search). */
    searchIndex: SearchIndex;
    faq: Faq;
    mail: MailOutbox;
    fallback: FallbackService;
    /** The site created on first start (or the oldest one). */
    defaultSite: Site;
    /** True when this start created the default site. */
    firstStart: boolean;
  }
}

export const servicesPlugin = fp<ServicesOptions>(
  async (app, options) => {
    const store = openStore(options.databaseFile, {
      ...(options.migrationsDir ? { migrationsDir: options.migrationsDir } : {}),
      ...(options.synchronous ? { synchronous: options.synchronous } : {}),
    });
    const hub = new InProcessHub((error) => app.log.error({ err: error }, 'hub listener failed'));
    const connections = new Connections();
    const conversations = new Conversations(store.sqlite);
    const messages = new MessageLog(store.sqlite);
    const presence = new Presence(store, conversations, hub, (agentId) => connections.isAgentConnected(agentId));
    const reportError = (error: unknown) => app.log.error({ err: error }, 'a step after a commit failed');
    const commits = groupCommitOf(store, reportError);
    const routing = new Routing(store, conversations, presence, hub, commits, reportError);
    const chat = new ChatService(commits, conversations, messages, routing, hub);
    const searchIndex = new SearchIndex(store.sqlite);
    searchIndex.start(chat.commits, 200, (error) => app.log.error({ err: error }, 'search indexing failed'));
    const faq = new Faq(store);
    const mail = new MailOutbox(store, commits, options.mail, app.log);
    const fallback = new FallbackService({ store, commits, conversations, messages, presence, routing, connections, faq, mail, hub, log: app.log });
    chat.useFallback(fallback);
    const { site, created } = ensureDefaultSite(store);

    hub.subscribe(TOPICS.chat, (event) => deliver(event, connections));

    app.decorate('store', store);
    app.decorate('hub', hub);
    app.decorate('connections', connections);
    app.decorate('conversations', conversations);
    app.decorate('presence', presence);
    app.decorate('assignment', routing);
    app.decorate('chat', chat);
    app.decorate('messages', messages);
    app.decorate('searchIndex', searchIndex);
    app.decorate('defaultSite', site);
    app.decorate('firstStart', created);
    app.decorate('faq', faq);
    app.decorate('mail', mail);
    app.decorate('fallback', fallback);
    mail.start();
    fallback.startSweeping();
    app.addHook('onClose', async () => {
      fallback.stop();
      searchIndex.stop();
      await mail.stop(); // its last writes join the group commit, drained next
      await chat.commits.drain();
      chat.commits.stop();
      store.close();
    });
  },
  { name: 'parley-services' },
);
