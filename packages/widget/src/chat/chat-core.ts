/**
 * The chat core: one shopper's conversation on this page. It gets a visitor token (only once the shopper
 * engages and consent allows), keeps the socket, the outbox and the store in step, and turns panel
 * actions into frames. The panel renders its store; the loader's API calls land here.
 */
import type { PageContext, ServerEvent, ServerEventOf } from '@parley/protocol';
import { OFFLINE_MIN_FILL_MS } from '@parley/protocol/constants';
import { nanoid } from 'nanoid';
import { STORAGE_KEYS, storagePrefix, type Attributes, type Identity } from '../shared/host';
import { Connection } from './client/connection';
import { Outbox } from './client/outbox';
import { WidgetStorage } from './client/storage';
import { ChatStore } from './state/store';
import type { AvailabilityState, ChatActions, FaqResult, OfflineForm } from './state/types';

export interface ChatCoreOptions {
  serverUrl: string;
  siteKey: string;
  locale?: string;
  consent?: boolean;
  storage?: WidgetStorage;
  fetchImpl?: typeof fetch;
  WebSocketImpl?: typeof WebSocket;
  page?: () => PageContext;
  /** Called for each new agent message and each unread change. */
  onAgentMessage?: (text: string) => void;
  onUnread?: (count: number) => void;
  backoff?: ConstructorParameters<typeof Connection>[0]['backoff'];
}

const FAILING_CODES = new Set(['message_too_long', 'invalid_frame']);

export class ChatCore {
  readonly store = new ChatStore();
  readonly storage: WidgetStorage;
  private readonly outbox: Outbox;
  private readonly connection: Connection;
  private consent: boolean;
  private engaged = false;
  private identity: Identity | null = null;
  private attributes: Attributes = {};
  private lastReadSent = 0;
  private typingSent = false;
  private tokenRequest: Promise<string | null> | null = null;
  /** Counts `shutdown()`s: a token asked for before one is forgotten, never stored or used. */
  private forgotten = 0;
  private offlineClientId: string | null = null;
  private readonly onStorage = (event: StorageEvent) => this.syncFromOtherTab(event);

  constructor(private readonly options: ChatCoreOptions) {
    this.storage = options.storage ?? new WidgetStorage(storagePrefix(options.siteKey));
    this.outbox = new Outbox(this.storage);
    this.consent = options.consent ?? true;
    const url = new URL(`/ws/visitor?site=${encodeURIComponent(options.siteKey)}`, options.serverUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.connection = new Connection({
      url: url.toString(),
      token: () => this.storage.get(STORAGE_KEYS.token),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(timezone() ? { timezone: timezone() } : {}),
      onReady: (frame) => this.onReady(frame),
      onFrame: (frame) => this.onFrame(frame),
      onState: (state) => this.store.setConnection(state),
      onRejected: () => this.onRejected(),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.WebSocketImpl ? { WebSocketImpl: options.WebSocketImpl } : {}),
    });
    for (const entry of this.outbox.entries()) this.store.addPending(entry.clientId, entry.text, entry.createdAt);
    this.store.subscribe((state) => this.options.onUnread?.(state.unread));
  }

  /** True when this browser already talked to the store (a token is stored). */
  get returning(): boolean {
    return this.storage.get(STORAGE_KEYS.token) !== null;
  }

  /** The shopper engaged (opened the chat, or wrote): storage and the socket are now allowed. */
  engage(): void {
    if (this.engaged) return;
    this.engaged = true;
    globalThis.addEventListener?.('storage', this.onStorage);
    void this.connectIfAllowed();
  }

  setConsent(consent: boolean): void {
    this.consent = consent;
    if (consent && this.engaged) void this.connectIfAllowed();
    if (!consent) this.connection.stop();
  }

  identify(identity: Identity): void {
    this.identity = { ...this.identity, ...identity };
    this.sendProfile();
  }

  setAttributes(attributes: Attributes): void {
    this.attributes = { ...this.attributes, ...attributes };
    this.sendProfile();
  }

  /** Forgets this shopper: token, conversation and outbox, here and in storage. */
  shutdown(): void {
    this.forgotten += 1;
    this.tokenRequest = null;
    this.connection.stop();
    for (const key of Object.values(STORAGE_KEYS)) this.storage.remove(key);
    this.identity = null;
    this.attributes = {};
    this.store.update({ conversation: null, messages: [], agentTyping: null, unread: 0, connection: 'idle' });
    this.engaged = false;
    globalThis.removeEventListener?.('storage', this.onStorage);
  }

  readonly actions: ChatActions = {
    send: (text) => this.send(text),
    setTyping: (typing) => this.setTyping(typing),
    retry: (key) => this.retry(key),
    endChat: () => {
      const conversation = this.store.state.conversation;
      if (conversation && conversation.status !== 'closed') this.connection.send({ type: 'conversation.end', conversationId: conversation.id });
    },
    rate: (score, comment) => {
      const conversation = this.store.state.conversation;
      if (!conversation) return;
      this.connection.send({ type: 'conversation.rate', conversationId: conversation.id, score, ...(comment ? { comment } : {}) });
      this.store.update({ conversation: { ...conversation, rating: score } });
    },
    startNew: () => {
      this.storage.remove(STORAGE_KEYS.conversation);
      this.store.update({ conversation: null, messages: [], agentTyping: null, offline: { status: 'idle', email: null }, transcriptSentTo: null });
    },
    open: () => {
      this.store.update({ open: true, unread: 0 });
      this.engage();
      this.markRead();
      void this.loadAvailability();
    },
    close: () => this.store.update({ open: false }),
    searchFaq: (query) => void this.searchFaq(query),
    submitOffline: (form) => void this.submitOffline(form),
    requestTranscript: (email) => {
      const conversation = this.store.state.conversation;
      if (conversation && this.connection.send({ type: 'conversation.transcript', conversationId: conversation.id, email })) {
        this.store.update({ transcriptSentTo: email });
      }
    },
  };

  private async getJson<T>(path: string): Promise<T | null> {
    try {
      const response = await (this.options.fetchImpl ?? fetch)(new URL(path, this.options.serverUrl), { credentials: 'omit' });
      return response.ok ? ((await response.json()) as T) : null;
    } catch {
      return null;
    }
  }

  private async loadAvailability(): Promise<void> {
    const availability = await this.getJson<AvailabilityState>(`/api/v1/sites/${encodeURIComponent(this.options.siteKey)}/availability`);
    if (availability) this.store.update({ availability });
  }

  private async searchFaq(query: string): Promise<void> {
    const path = `/api/v1/sites/${encodeURIComponent(this.options.siteKey)}/faq?q=${encodeURIComponent(query.slice(0, 500))}`;
    const found = await this.getJson<{ results: FaqResult[] }>(path);
    this.store.update({ faqResults: found?.results ?? [] });
  }

  /**
   * The offline form: engages (it needs a visitor token), then posts; retries of one form are stored once. A form
   * sent quicker than the server's spam threshold is held until it has passed (the shopper sees "sending").
   */
  private async submitOffline(form: OfflineForm): Promise<void> {
    this.store.update({ offline: { status: 'sending', email: null } });
    this.engage();
    const early = OFFLINE_MIN_FILL_MS - form.elapsedMs;
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    const token = this.consent ? await this.ensureToken() : null;
    const clientId = (this.offlineClientId ??= nanoid());
    try {
      if (!token) throw new Error('no visitor token');
      const response = await (this.options.fetchImpl ?? fetch)(new URL('/api/v1/visitor/offline', this.options.serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ clientId, ...form, elapsedMs: Math.max(form.elapsedMs, OFFLINE_MIN_FILL_MS), ...(form.website ? {} : { website: undefined }) }),
        credentials: 'omit',
      });
      if (response.status !== 202) throw new Error(`status ${response.status}`);
      const body = (await response.json()) as { email: string };
      this.offlineClientId = null;
      this.store.update({ offline: { status: 'sent', email: body.email } });
    } catch {
      this.store.update({ offline: { status: 'error', email: null } });
    }
  }

  private send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const entry = { clientId: nanoid(), text: trimmed, createdAt: Date.now(), page: this.page() };
    this.outbox.add(entry);
    this.store.addPending(entry.clientId, entry.text, entry.createdAt);
    this.setTyping(false);
    this.engage();
    this.flushOne(entry);
  }

  private retry(key: string): void {
    const entry = this.outbox.entries().find((candidate) => candidate.clientId === key);
    if (!entry) return;
    this.store.setStatus(key, 'sending');
    this.flushOne(entry);
  }

  private flushOne(entry: { clientId: string; text: string; page?: PageContext }): void {
    this.connection.send({ type: 'message.send', clientId: entry.clientId, text: entry.text, ...(entry.page ? { page: entry.page } : {}) });
  }

  private setTyping(typing: boolean): void {
    const conversation = this.store.state.conversation;
    if (!conversation || conversation.status === 'closed' || typing === this.typingSent) return;
    if (this.connection.send({ type: typing ? 'typing.start' : 'typing.stop', conversationId: conversation.id })) this.typingSent = typing;
  }

  private async connectIfAllowed(): Promise<void> {
    if (!this.consent || !this.engaged) return;
    this.storage.persist();
    const token = await this.ensureToken();
    if (token && this.engaged) this.connection.start();
  }

  private ensureToken(): Promise<string | null> {
    const stored = this.storage.get(STORAGE_KEYS.token);
    if (stored) return Promise.resolve(stored);
    if (this.tokenRequest) return this.tokenRequest;
    const request = this.requestToken(this.forgotten).finally(() => {
      if (this.tokenRequest === request) this.tokenRequest = null;
    });
    return (this.tokenRequest = request);
  }

  private async requestToken(shopper: number): Promise<string | null> {
    const fetchImpl = this.options.fetchImpl ?? fetch;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      if (shopper !== this.forgotten) return null;
      try {
        const response = await fetchImpl(new URL('/api/v1/visitor/sessions', this.options.serverUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ siteKey: this.options.siteKey }),
          credentials: 'omit',
        });
        if (response.status === 201) {
          const body = (await response.json()) as { token?: unknown };
          if (shopper !== this.forgotten) return null; // forgotten meanwhile
          if (typeof body.token === 'string') {
            this.storage.set(STORAGE_KEYS.token, body.token);
            return body.token;
          }
        }
        if (response.status >= 400 && response.status < 500) return null;
      } catch {
        // Network down: try again shortly.
      }
      this.store.setConnection('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
    this.store.setConnection('offline');
    return null;
  }

  private onReady(frame: ServerEventOf<'session.ready'>): void {
    const active = frame.conversations[0];
    const stored = this.storage.get(STORAGE_KEYS.conversation);
    const current = this.store.state.conversation;
    const conversationId = current?.id ?? stored ?? active?.id;
    if (active && (!current || current.id === active.id)) this.store.apply({ type: 'conversation.created', conversation: active });
    if (conversationId) {
      const lastSeq = this.store.state.messages.reduce((max, message) => Math.max(max, message.seq ?? 0), 0);
      this.connection.send({ type: 'conversation.resume', conversationId, lastSeq });
    }
    this.connection.send({ type: 'page.view', page: this.page() });
    this.sendProfile();
    for (const entry of this.outbox.entries()) this.flushOne(entry);
  }

  private onFrame(frame: ServerEvent): void {
    if (frame.type === 'error') {
      this.onError(frame);
      return;
    }
    if (frame.type === 'message.ack') this.outbox.remove(frame.clientId);
    if (frame.type === 'conversation.replayed' && frame.conversation.status === 'closed' && this.store.state.conversation?.id !== frame.conversationId) {
      return;
    }
    const fresh = this.store.apply(frame);
    const conversation = this.store.state.conversation;
    if (conversation) this.storage.set(STORAGE_KEYS.conversation, conversation.id);
    for (const message of fresh) this.options.onAgentMessage?.(message.text);
    if (this.store.state.open) this.markRead();
  }

  private onError(frame: ServerEventOf<'error'>): void {
    if (!frame.ref) return;
    const pending = this.outbox.entries().find((entry) => entry.clientId === frame.ref);
    if (!pending) return;
    if (FAILING_CODES.has(frame.code)) {
      this.outbox.remove(frame.ref);
      this.store.setStatus(frame.ref, 'failed');
    } else if (frame.code === 'conversation_closed') {
      this.flushOne(pending);
    } else if (frame.code === 'rate_limited') {
      // Not stored: it stays in the outbox and goes again shortly.
      setTimeout(() => this.flushOne(pending), 2000 + Math.random() * 1000);
    } else {
      this.store.setStatus(frame.ref, 'failed');
    }
  }

  private onRejected(): void {
    // The token is unknown (the store reset, or it was revoked): start over as a new visitor.
    this.storage.remove(STORAGE_KEYS.token);
    this.storage.remove(STORAGE_KEYS.conversation);
    this.store.update({ conversation: null, messages: this.store.state.messages.filter((m) => m.seq === null) });
    void this.connectIfAllowed();
  }

  private markRead(): void {
    const conversation = this.store.state.conversation;
    if (!conversation) return;
    const highest = this.store.state.messages.reduce((max, message) => (message.author !== 'visitor' ? Math.max(max, message.seq ?? 0) : max), 0);
    if (highest > this.lastReadSent && this.connection.send({ type: 'read.mark', conversationId: conversation.id, seq: highest })) {
      this.lastReadSent = highest;
    }
  }

  private sendProfile(): void {
    if (!this.connection.isReady) return;
    if (this.identity) this.connection.send({ type: 'visitor.identify', ...this.identity });
    if (Object.keys(this.attributes).length > 0) this.connection.send({ type: 'visitor.attributes', attributes: this.attributes });
  }

  private syncFromOtherTab(event: StorageEvent): void {
    if (event.key !== this.storage.fullKey(STORAGE_KEYS.outbox)) return;
    for (const entry of this.outbox.entries()) this.store.addPending(entry.clientId, entry.text, entry.createdAt);
  }

  private page(): PageContext {
    if (this.options.page) return this.options.page();
    if (typeof location === 'undefined') return { url: '' };
    return { url: location.href.slice(0, 2048), ...(document.title ? { title: document.title.slice(0, 512) } : {}) };
  }
}

function timezone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
