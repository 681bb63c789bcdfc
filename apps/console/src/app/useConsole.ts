/**
 * The console's live controller: the agent socket, the live state it feeds, the inbox (refetched when the
 * socket says something changed), the open conversation with its messages, and every action an agent
 * takes. Screens get plain data and callbacks from it.
 */
import type {
  AgentView,
  CannedResponse,
  ConversationDetail,
  InboxResponse,
  InboxView,
  MessageView,
  NotificationPreferences,
  ServerEvent,
} from '@parley/protocol';
import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { AgentSocket, newId, type ConnectionState } from '../api/agent-socket';
import { api, ApiError } from '../api/http';
import { Notifier } from '../notify/notifier';
import type { DisplayMessage } from '../screens/conversation/Transcript';
import { EMPTY_LIVE_STATE, liveReducer } from '../state/live-state';
import { Outbox, type OutboxEntry } from '../state/outbox';
import { errorText, STRINGS, t } from '../strings';
import { navigate } from './route';

const EMPTY_INBOX: InboxResponse = { conversations: [], counts: { waiting: 0, mine: 0, open: 0, closed: 0, offline: 0, unreadMine: 0 }, tags: [] };
const REFRESH_DELAY_MS = 250;

/** Puts a stored message into the list: replaces its pending copy or an older copy, keeps seq order. */
export function mergeMessage(list: DisplayMessage[], message: MessageView): DisplayMessage[] {
  const rest = list.filter((item) => item.id !== message.id && !(message.clientId && item.clientId === message.clientId));
  const stored = rest.filter((item) => !item.pending);
  const pending = rest.filter((item) => item.pending);
  return [...stored, message].sort((a, b) => a.seq - b.seq).concat(pending);
}

export function useConsole(me: AgentView, openId: string | undefined, onSessionEnded: () => void) {
  const [live, dispatch] = useReducer(liveReducer, EMPTY_LIVE_STATE);
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [view, setView] = useState<InboxView>('waiting');
  const [tag, setTag] = useState<string | undefined>();
  const [inbox, setInbox] = useState<InboxResponse>(EMPTY_INBOX);
  const [detail, setDetail] = useState<ConversationDetail>();
  const [messages, setMessages] = useState<DisplayMessage[]>([]);
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [error, setError] = useState<string>();
  const [now, setNow] = useState(Date.now());
  const notifier = useMemo(() => new Notifier(), []);
  const outbox = useMemo(() => new Outbox(`parley.console.outbox.${me.id}`), [me.id]);

  // Refs give the socket's long-lived callbacks the current values.
  const state = useRef({ openId, view, tag, live, messages });
  state.current = { openId, view, tag, live, messages };
  const refreshTimer = useRef<ReturnType<typeof setTimeout>>();

  /**
   * Reloads the inbox at most once per REFRESH_DELAY_MS: what happens meanwhile is in the reload already
   * planned. (Waiting for a quiet moment instead never reloaded a busy store's inbox while chats went on.)
   */
  const refreshInbox = () => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = setTimeout(async () => {
      refreshTimer.current = undefined;
      const { view: currentView, tag: currentTag } = state.current;
      const query = `view=${currentView}${currentTag ? `&tag=${encodeURIComponent(currentTag)}` : ''}`;
      try {
        setInbox(await api.get<InboxResponse>(`/api/v1/console/conversations?${query}`));
      } catch {
        /* the connection banner already tells the agent */
      }
    }, REFRESH_DELAY_MS);
  };

  const socket = useMemo(
    () =>
      new AgentSocket({
        onState: (next) => {
          setConnection(next);
          if (next === 'ended') onSessionEnded();
          if (next === 'reconnecting') api.get('/api/v1/me').catch(() => {});
        },
        onReady: () => {
          const { openId: current, messages: list } = state.current;
          if (current) resume(current, list.filter((m) => !m.pending).reduce((max, m) => Math.max(max, m.seq), 0));
          for (const entry of outbox.all()) deliver(entry);
          refreshInbox();
        },
        onEvent: (event) => onEvent(event),
      }),
    [],
  );

  const resume = (conversationId: string, lastSeq: number) =>
    socket.send({ type: 'conversation.resume', conversationId, lastSeq, ref: newId('r') });

  const markRead = (conversationId: string, seq: number) => {
    if (seq > 0) socket.send({ type: 'read.mark', conversationId, seq, ref: newId('r') });
  };

  function onEvent(event: ServerEvent) {
    dispatch(event);
    const { openId: current, live: now } = state.current;
    switch (event.type) {
      case 'message.created': {
        const message = event.message;
        if (message.author.type === 'visitor') socket.send({ type: 'delivered.mark', conversationId: message.conversationId, seq: message.seq });
        if (message.conversationId === current) {
          setMessages((list) => mergeMessage(list, message));
          if (message.author.type === 'visitor' && document.visibilityState === 'visible') markRead(message.conversationId, message.seq);
        }
        const conversation = now.active[message.conversationId];
        if (message.author.type === 'visitor' && conversation?.assignee?.id === me.id && (message.conversationId !== current || !document.hasFocus())) {
          notifier.alert(t('notifyMessage', { name: message.author.name ?? STRINGS.sidebarTitle }), message.text, () => open(message.conversationId));
        }
        refreshInbox();
        return;
      }
      case 'conversation.queued':
        notifier.alert(STRINGS.notifyWaiting, '', () => open(event.conversation.id));
        refreshInbox();
        return;
      case 'conversation.assigned': {
        const before = now.active[event.conversation.id];
        if (event.conversation.assignee?.id === me.id && before?.assignee?.id !== me.id && event.conversation.id !== current) {
          notifier.alert(STRINGS.notifyAssigned, '', () => open(event.conversation.id));
        }
        updateOpen(event.conversation.id, event.conversation);
        refreshInbox();
        return;
      }
      case 'conversation.offline':
        notifier.alert(STRINGS.notifyOffline, '', () => open(event.conversation.id));
        updateOpen(event.conversation.id, event.conversation);
        refreshInbox();
        return;
      case 'conversation.created':
      case 'conversation.fallback':
      case 'conversation.closed':
      case 'conversation.rated':
        updateOpen(event.conversation.id, event.conversation);
        refreshInbox();
        return;
      case 'visitor.updated':
        setDetail((d) => (d && d.visitor.id === event.visitor.id ? { ...d, visitor: event.visitor } : d));
        return;
      default:
        return;
    }
  }

  const updateOpen = (conversationId: string, conversation: ConversationDetail['summary']['conversation']) =>
    setDetail((d) => (d && d.summary.conversation.id === conversationId ? { ...d, summary: { ...d.summary, conversation } } : d));

  const open = (conversationId: string) => navigate({ page: 'inbox', conversationId });

  useEffect(() => {
    socket.start();
    api.get<{ cannedResponses: CannedResponse[] }>('/api/v1/console/canned-responses').then((r) => setCanned(r.cannedResponses), () => {});
    api.get<NotificationPreferences>('/api/v1/console/preferences').then((p) => (notifier.preferences = p), () => {});
    const unlock = () => notifier.unlock();
    window.addEventListener('click', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    const tick = setInterval(() => setNow(Date.now()), 15_000);
    // Coming back to the tab reads what arrived in the open conversation meanwhile.
    const onVisible = () => {
      const { openId: current, messages: list } = state.current;
      if (document.visibilityState !== 'visible' || !current) return;
      markRead(current, list.filter((m) => !m.pending).reduce((max, m) => Math.max(max, m.seq), 0));
      refreshInbox();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      socket.stop();
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
      clearTimeout(refreshTimer.current);
      window.removeEventListener('click', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);

  useEffect(refreshInbox, [view, tag]);
  useEffect(() => notifier.setUnread(inbox.counts.waiting + inbox.counts.unreadMine), [inbox.counts, notifier.preferences]);

  // Opening a conversation: load it, follow it on the socket, mark it read.
  useEffect(() => {
    setError(undefined);
    setDetail(undefined);
    setMessages([]);
    if (!openId) return;
    let cancelled = false;
    api.get<ConversationDetail>(`/api/v1/console/conversations/${encodeURIComponent(openId)}`).then(
      (loaded) => {
        if (cancelled) return;
        setDetail(loaded);
        const stored = new Set(loaded.messages.map((m) => m.clientId));
        const unsent = outbox.forConversation(openId).filter((entry) => !stored.has(entry.clientId));
        setMessages([...loaded.messages, ...unsent.map(pendingMessage)]);
        const lastSeq = loaded.messages.at(-1)?.seq ?? 0;
        resume(openId, lastSeq);
        markRead(openId, loaded.summary.conversation.lastSeq);
        refreshInbox();
      },
      (caught) => !cancelled && setError(caught instanceof ApiError ? errorText(caught.code) : STRINGS.errorGeneric),
    );
    return () => {
      cancelled = true;
    };
  }, [openId]);

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      const failure = caught as { code?: string; message?: string };
      setError(errorText(failure.code, failure.message));
    }
  };

  const actions = {
    setView: (next: InboxView) => setView(next),
    setTag: (next: string | undefined) => setTag(next),
    open,
    setStatus: (status: 'online' | 'away') => run(() => socket.request({ type: 'agent.status', status })),
    accept: (conversationId: string) =>
      run(async () => {
        await socket.request({ type: 'conversation.accept', conversationId });
        if (state.current.view === 'waiting' || state.current.view === 'offline') setView('mine');
      }),
    close: (conversationId: string) => run(() => socket.request({ type: 'conversation.close', conversationId })),
    transfer: (conversationId: string, agentId: string) => run(() => socket.request({ type: 'conversation.transfer', conversationId, agentId })),
    reopen: (conversationId: string) =>
      run(async () => {
        await api.post(`/api/v1/console/conversations/${encodeURIComponent(conversationId)}/reopen`);
        refreshInbox();
      }),
    addTag: (conversationId: string, tagName: string) =>
      run(async () => setTags((await api.post<{ tags: string[] }>(`/api/v1/console/conversations/${encodeURIComponent(conversationId)}/tags`, { tag: tagName })).tags)),
    removeTag: (conversationId: string, tagName: string) =>
      run(async () =>
        setTags((await api.del<{ tags: string[] }>(`/api/v1/console/conversations/${encodeURIComponent(conversationId)}/tags/${encodeURIComponent(tagName)}`)).tags),
      ),
    typing: (conversationId: string, typing: boolean) =>
      socket.send({ type: typing ? 'typing.start' : 'typing.stop', conversationId, ref: newId('r') }),
    send: (conversationId: string, text: string, internal: boolean) => {
      const entry: OutboxEntry = { clientId: newId('k'), conversationId, text, internal, createdAt: Date.now() };
      outbox.add(entry);
      setMessages((list) => [...list, pendingMessage(entry)]);
      deliver(entry);
    },
    /** An admin deleted the open conversation's shopper: it leaves the inbox and the page. */
    visitorDeleted: () => {
      navigate({ page: 'inbox', conversationId: undefined });
      refreshInbox();
    },
    reloadCanned: () => api.get<{ cannedResponses: CannedResponse[] }>('/api/v1/console/canned-responses').then((r) => setCanned(r.cannedResponses)),
    setPreferences: (preferences: NotificationPreferences) => {
      notifier.preferences = preferences;
      notifier.setUnread(inbox.counts.waiting + inbox.counts.unreadMine);
    },
  };

  function pendingMessage(entry: OutboxEntry): DisplayMessage {
    return {
      id: entry.clientId, conversationId: entry.conversationId, seq: Number.MAX_SAFE_INTEGER, clientId: entry.clientId,
      author: { type: 'agent', id: me.id, name: me.name }, text: entry.text, internal: entry.internal, page: null,
      createdAt: entry.createdAt, pending: 'sending',
    };
  }

  /** Sends an outbox entry; the ack removes it. A dropped connection leaves it for the next connect. */
  function deliver(entry: OutboxEntry) {
    const mark = (pending: 'sending' | 'failed') =>
      setMessages((list) => list.map((m) => (m.clientId === entry.clientId && m.pending ? { ...m, pending } : m)));
    mark('sending');
    const { clientId, conversationId, text, internal } = entry;
    socket.request({ type: 'message.send', clientId, conversationId, text, internal }).then(
      (ack) => {
        if (ack.type !== 'message.ack') return;
        outbox.remove(clientId);
        const { pending: _sending, ...stored } = pendingMessage(entry);
        setMessages((list) => mergeMessage(list, { ...stored, id: ack.messageId, seq: ack.seq, createdAt: ack.createdAt }));
      },
      (failure: { code?: string; message?: string }) => {
        if (failure.code === 'network') return;
        outbox.remove(clientId);
        mark('failed');
        setError(errorText(failure.code, failure.message));
      },
    );
  }

  function setTags(tags: string[]) {
    setDetail((d) => (d ? { ...d, summary: { ...d.summary, tags } } : d));
    refreshInbox();
  }

  return { live, connection, view, tag, inbox, detail, messages, canned, error, now, actions };
}

export type ConsoleController = ReturnType<typeof useConsole>;
