/**
 * The agent socket (`/ws/agent`, same origin, authenticated by the session cookie). Reconnects with capped
 * exponential backoff plus jitter, reports its state, parses every frame with the protocol, and matches
 * answers (`ok`, `message.ack`, `conversation.replayed`, `error`) to requests by ref.
 */
import { CLOSE_CODES, serverEvent, type AgentCommand, type ServerEvent } from '@parley/protocol';
import { backoffDelay } from './backoff';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'ended';

export interface AgentSocketOptions {
  url?: string;
  onEvent: (event: ServerEvent) => void;
  onState: (state: ConnectionState) => void;
  /** Called after every (re)connect once session.ready arrived. */
  onReady?: (event: Extract<ServerEvent, { type: 'session.ready' }>) => void;
  createSocket?: (url: string) => WebSocket;
}

interface Pending {
  resolve: (event: ServerEvent) => void;
  reject: (error: { code: string; message: string }) => void;
}

let refCounter = 0;
/** A fresh id for refs and client message ids. */
export function newId(prefix = 'c'): string {
  refCounter += 1;
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${refCounter}`;
}

export class AgentSocket {
  private socket: WebSocket | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly pending = new Map<string, Pending>();
  state: ConnectionState = 'connecting';

  constructor(private readonly options: AgentSocketOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close(1000, 'bye');
  }

  /** Sends a frame now; false while disconnected. */
  send(frame: AgentCommand): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a frame with a ref (or clientId) and resolves with the answer to it. */
  request(frame: AgentCommand): Promise<ServerEvent> {
    const ref = 'clientId' in frame ? frame.clientId : (frame.ref ?? newId('r'));
    const withRef = ('clientId' in frame ? frame : { ...frame, ref }) as AgentCommand;
    return new Promise((resolve, reject) => {
      if (!this.send(withRef)) return reject({ code: 'network', message: 'Not connected.' });
      this.pending.set(ref, { resolve, reject });
    });
  }

  private url(): string {
    if (this.options.url) return this.options.url;
    const { protocol, host } = window.location;
    return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws/agent`;
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.options.onState(state);
  }

  private open(): void {
    const socket = (this.options.createSocket ?? ((url) => new WebSocket(url)))(this.url());
    this.socket = socket;
    socket.onmessage = (message) => this.receive(message.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      for (const pending of this.pending.values()) pending.reject({ code: 'network', message: 'Disconnected.' });
      this.pending.clear();
      if (this.stopped) return;
      if (event.code === CLOSE_CODES.sessionEnded || event.code === CLOSE_CODES.unauthorized) return this.setState('ended');
      this.setState('reconnecting');
      this.timer = setTimeout(() => this.open(), backoffDelay(this.attempt++));
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: ReturnType<typeof serverEvent.safeParse>;
    try {
      parsed = serverEvent.safeParse(JSON.parse(data));
    } catch {
      return;
    }
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.type === 'session.ready') {
      this.attempt = 0;
      this.setState('open');
      this.options.onReady?.(event);
    }
    const ref = event.type === 'message.ack' ? event.clientId : 'ref' in event ? event.ref : undefined;
    const pending = ref ? this.pending.get(ref) : undefined;
    if (pending && ref) {
      this.pending.delete(ref);
      if (event.type === 'error') pending.reject({ code: event.code, message: event.message });
      else pending.resolve(event);
    }
    this.options.onEvent(event);
  }
}
