/**
 * The visitor socket: connects, authenticates with the token in the first frame, keeps the link alive
 * with pings, and reconnects with capped exponential backoff plus jitter. Frames from the server are
 * parsed from text at this edge; anything without a string `type` is dropped.
 */
import type { ServerEvent, ServerEventOf } from '@parley/protocol';
import { PROTOCOL_VERSION } from '@parley/protocol/constants';
import type { ConnectionState } from '../state/types';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';

export interface ConnectionOptions {
  /** `wss://host/ws/visitor?site=KEY` */
  url: string;
  token: () => string | null;
  locale?: string;
  timezone?: string;
  onReady: (frame: ServerEventOf<'session.ready'>) => void;
  onFrame: (frame: ServerEvent) => void;
  onState: (state: ConnectionState) => void;
  /** The token was refused: the caller should forget it. No reconnect follows. */
  onRejected: () => void;
  backoff?: BackoffOptions;
  /** Milliseconds between pings (default 25 s); no pong within `pongTimeoutMs` (10 s) means a dead link. */
  heartbeatMs?: number;
  pongTimeoutMs?: number;
  WebSocketImpl?: typeof WebSocket;
}

const UNAUTHORIZED = 4401;

export class Connection {
  private socket: WebSocket | null = null;
  private ready = false;
  private attempt = 0;
  private stopped = true;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOnline = () => this.reconnectNow();
  /** The browser says the network is gone: drop the socket (it may be dead) and queue until it is back. */
  private readonly onOffline = () => {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.teardown();
    this.scheduleRetry();
  };

  constructor(private readonly options: ConnectionOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('offline', this.onOffline);
    this.open();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('offline', this.onOffline);
    clearTimeout(this.retryTimer);
    this.teardown();
    this.options.onState('idle');
  }

  /** Sends when authenticated; returns false otherwise (the caller keeps the frame for later). */
  send(frame: object): boolean {
    if (!this.ready || !this.socket || this.socket.readyState !== 1) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Skips the wait: the network is back. */
  reconnectNow(): void {
    if (this.stopped || this.ready) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.teardown();
    this.open();
  }

  private open(): void {
    const token = this.options.token();
    if (!token) return;
    if (isOffline()) {
      this.scheduleRetry();
      return;
    }
    this.options.onState(this.attempt === 0 && !this.socket ? 'connecting' : 'reconnecting');
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    let socket: WebSocket;
    try {
      socket = new Impl(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () =>
      socket.send(
        JSON.stringify({
          type: 'session.auth',
          token,
          protocol: PROTOCOL_VERSION,
          ...(this.options.locale ? { locale: this.options.locale } : {}),
          ...(this.options.timezone ? { timezone: this.options.timezone } : {}),
        }),
      );
    socket.onmessage = (event) => this.receive(String(event.data));
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.teardown();
      if (event.code === UNAUTHORIZED) {
        this.stopped = true;
        this.options.onRejected();
        return;
      }
      this.scheduleRetry();
    };
    socket.onerror = () => {
      // onclose follows and decides.
    };
  }

  private receive(text: string): void {
    let frame: ServerEvent;
    try {
      frame = JSON.parse(text) as ServerEvent;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return;
    if (frame.type === 'pong') {
      clearTimeout(this.pongTimer);
      return;
    }
    if (frame.type === 'session.ready') {
      this.ready = true;
      this.attempt = 0;
      this.startHeartbeat();
      this.options.onState('online');
      this.options.onReady(frame);
      return;
    }
    this.options.onFrame(frame);
  }

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs ?? 25_000;
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      clearTimeout(this.pongTimer);
      this.pongTimer = setTimeout(() => this.socket?.close(), this.options.pongTimeoutMs ?? 10_000);
    }, every);
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    const offline = isOffline();
    this.options.onState(offline ? 'offline' : 'reconnecting');
    // Offline: the 'online' event reconnects at once; dialling now would only fail (and log in the page's
    // console), so just check again at the backoff cap in case the browser never says so.
    const backoff = this.options.backoff ?? DEFAULT_BACKOFF;
    const delay = offline ? backoff.maxMs : backoffDelay(this.attempt, backoff);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  private teardown(): void {
    this.ready = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // Closing a socket that is still connecting reports an error; nobody needs it any more.
      socket.onerror = () => {};
      if (socket.readyState === 0 || socket.readyState === 1) socket.close();
    }
  }
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}
