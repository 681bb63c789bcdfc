/**
 * The signed-in console: a header (availability, capacity, connection state, navigation), then the page:
 * inbox + conversation + shopper sidebar, search, settings or agents. Keyboard shortcuts live here.
 */
import type { AgentView, InboxView } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http';
import { AgentsScreen } from '../screens/agents/AgentsScreen';
import { MailBanner } from '../screens/banner/MailBanner';
import { COMPOSER_INPUT_ID } from '../screens/composer/Composer';
import { ConversationPane } from '../screens/conversation/ConversationPane';
import { InboxList, VIEWS } from '../screens/inbox/InboxList';
import { SearchScreen } from '../screens/search/SearchScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { ShortcutsHelp, useShortcuts } from '../screens/shortcuts/shortcuts';
import { VisitorSidebar } from '../screens/sidebar/VisitorSidebar';
import { openCountOf } from '../state/live-state';
import { STRINGS, t } from '../strings';
import { navigate, useRoute } from './route';
import { useConsole } from './useConsole';

export function Workspace(props: { me: AgentView; onLoggedOut: () => void }) {
  const route = useRoute();
  const openId = route.page === 'inbox' ? route.conversationId : undefined;
  const controller = useConsole(props.me, openId, props.onLoggedOut);
  const { live, inbox, detail, actions } = controller;
  const [selected, setSelected] = useState(0);
  const [help, setHelp] = useState(false);
  useEffect(() => setSelected(0), [controller.view, controller.tag]);

  const rows = inbox.conversations;
  const myPresence = live.presence[props.me.id];
  const myStatus = myPresence?.status ?? props.me.status;
  const capacity = myPresence?.capacity ?? props.me.capacity;
  const used = myPresence?.openCount ?? openCountOf(live, props.me.id);
  const openConversation = detail ? (live.active[detail.summary.conversation.id] ?? detail.summary.conversation) : undefined;

  const setView = (view: InboxView) => {
    actions.setView(view);
    navigate({ page: 'inbox', conversationId: openId });
  };
  useShortcuts({
    j: () => setSelected((index) => Math.min(index + 1, Math.max(rows.length - 1, 0))),
    k: () => setSelected((index) => Math.max(index - 1, 0)),
    Enter: () => rows[selected] && actions.open(rows[selected]!.conversation.id),
    r: () => document.getElementById(COMPOSER_INPUT_ID)?.focus(),
    a: () => (openConversation?.status === 'queued' || openConversation?.status === 'offline') && actions.accept(openConversation.id),
    e: () => openConversation && openConversation.status !== 'closed' && actions.close(openConversation.id),
    s: () => navigate({ page: 'search' }),
    '?': () => setHelp((shown) => !shown),
    Escape: () => setHelp(false),
    ...Object.fromEntries(VIEWS.map(({ view }, index) => [String(index + 1), () => setView(view)])),
  });

  const logout = async () => {
    await api.post('/api/v1/auth/logout').catch(() => {});
    props.onLoggedOut();
  };
  const connectionText = {
    open: STRINGS.connOpen,
    connecting: STRINGS.connConnecting,
    reconnecting: STRINGS.connReconnecting,
    ended: STRINGS.connEnded,
  }[controller.connection];

  return (
    <div class="workspace">
      <header class="topbar">
        <strong class="brand">{STRINGS.appName}</strong>
        <nav>
          <a href="#/inbox" class={route.page === 'inbox' ? 'active' : ''}>
            {STRINGS.navInbox} <span class="count">{inbox.counts.waiting}</span>
          </a>
          <a href="#/search" class={route.page === 'search' ? 'active' : ''}>
            {STRINGS.navSearch}
          </a>
          <a href="#/settings" class={route.page === 'settings' ? 'active' : ''}>
            {STRINGS.navSettings}
          </a>
          {props.me.role === 'admin' && (
            <a href="#/agents" class={route.page === 'agents' ? 'active' : ''}>
              {STRINGS.navAgents}
            </a>
          )}
        </nav>
        <span class={`connection conn-${controller.connection}`} role="status">
          {connectionText}
        </span>
        <label class="availability">
          <span class="availability-label">{STRINGS.availability}</span>{' '}
          <select
            value={myStatus === 'offline' ? 'online' : myStatus}
            onChange={(event) => actions.setStatus((event.currentTarget as HTMLSelectElement).value as 'online' | 'away')}
          >
            <option value="online">{STRINGS.statusOnline}</option>
            <option value="away">{STRINGS.statusAway}</option>
          </select>
        </label>
        <span class="capacity">{t('capacity', { used, total: capacity })}</span>
        <span class="me">{props.me.name}</span>
        <button class="link" onClick={() => setHelp(true)} aria-label={STRINGS.shortcutsButton} title={STRINGS.shortcutsButton}>
          ?
        </button>
        <button class="link" onClick={logout}>
          {STRINGS.logout}
        </button>
      </header>
      <MailBanner admin={props.me.role === 'admin'} page={route.page} />
      {route.page === 'inbox' && (
        <main class="inbox-layout">
          <InboxList
            view={controller.view}
            counts={inbox.counts}
            rows={rows}
            tags={inbox.tags}
            tag={controller.tag}
            openId={openId}
            selectedIndex={selected}
            myId={props.me.id}
            now={controller.now}
            onView={setView}
            onTag={actions.setTag}
            onOpen={actions.open}
          />
          {detail && openConversation ? (
            <>
              <ConversationPane
                summary={detail.summary}
                conversation={openConversation}
                messages={controller.messages}
                visitorReadSeq={Math.max(detail.visitorReadSeq, live.visitorRead[openConversation.id] ?? 0)}
                typingName={live.typing[openConversation.id]}
                me={props.me}
                agents={Object.values(live.presence)}
                tags={detail.summary.tags}
                cannedResponses={controller.canned}
                variables={{
                  visitor: { name: detail.visitor.name, email: detail.visitor.email, attributes: detail.visitor.attributes },
                  agent: { name: props.me.name },
                  site: { name: detail.site.name },
                }}
                error={controller.error}
                onAccept={() => actions.accept(openConversation.id)}
                onClose={() => actions.close(openConversation.id)}
                onReopen={() => actions.reopen(openConversation.id)}
                onTransfer={(agentId) => actions.transfer(openConversation.id, agentId)}
                onAddTag={(tag) => actions.addTag(openConversation.id, tag)}
                onRemoveTag={(tag) => actions.removeTag(openConversation.id, tag)}
                onSend={(text, internal) => actions.send(openConversation.id, text, internal)}
                onTyping={(typing) => actions.typing(openConversation.id, typing)}
              />
              <VisitorSidebar
                visitor={detail.visitor}
                displayName={detail.summary.visitor.displayName}
                conversations={[detail.summary, ...detail.history]}
                history={detail.history}
                now={controller.now}
                onOpenConversation={actions.open}
                admin={props.me.role === 'admin'}
                onDeleted={actions.visitorDeleted}
              />
            </>
          ) : (
            <p class="placeholder">{controller.error ?? (openId ? STRINGS.loading : STRINGS.selectConversation)}</p>
          )}
        </main>
      )}
      {route.page === 'search' && <SearchScreen />}
      {route.page === 'settings' && (
        <SettingsScreen me={props.me} section={route.section ?? 'general'} onCannedChanged={actions.reloadCanned} onPreferences={actions.setPreferences} />
      )}
      {route.page === 'agents' && props.me.role === 'admin' && <AgentsScreen me={props.me} />}
      {help && <ShortcutsHelp onClose={() => setHelp(false)} />}
    </div>
  );
}
