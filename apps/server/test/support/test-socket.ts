/**
 * A WebSocket client for tests: keeps every frame it receives, and `next(type)` takes the first unread
 * frame of that type (waiting for it if needed), so tests read the conversation in order.
 */
import type { ServerEvent, ServerEventOf } from '@parley/protocol';
import WebSocket from 'ws';

type Waiter = { match: (frame: ServerEvent) => boolean; resolve: (frame: ServerEvent) => void };

export class TestSocket {
  /** Every frame received, read or not. */
  readonly received: ServerEvent[] = [];
  private readonly unread: ServerEvent[] = [];
  private readonly waiters: Waiter[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.receive(JSON.parse(String(data)) as ServerEvent));
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static open(url: string, options: { origin?: string; cookie?: string } = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, {
        ...(options.origin ? { origin: options.origin } : {}),
        ...(options.cookie ? { headers: { cookie: options.cookie } } : {}),
      });
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`handshake refused: ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next unread frame of `type` (and matching `where`), within `timeoutMs`. */
  next<T extends ServerEvent['type']>(
    type: T,
    where: (frame: ServerEventOf<T>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<ServerEventOf<T>> {
    const match = (frame: ServerEvent) => frame.type === type && where(frame as ServerEventOf<T>);
    const index = this.unread.findIndex(match);
    if (index >= 0) return Promise.resolve(this.unread.splice(index, 1)[0] as ServerEventOf<T>);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve: (frame) => resolve(frame as ServerEventOf<T>) };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at < 0) return;
        this.waiters.splice(at, 1);
        const seen = this.received.map((frame) => frame.type).join(', ');
        reject(new Error(`no "${type}" frame within ${timeoutMs} ms; received: ${seen}`));
      }, timeoutMs);
    });
  }

  /** Sends a ping and waits for its pong: every frame the server sent before it has arrived. */
  async flush(): Promise<void> {
    const ref = `flush-${Math.random().toString(36).slice(2)}`;
    this.send({ type: 'ping', ref });
    await this.next('pong', (frame) => frame.ref === ref);
  }

  /** Unread frames of `type`, taken. */
  take<T extends ServerEvent['type']>(type: T): ServerEventOf<T>[] {
    const taken: ServerEventOf<T>[] = [];
    for (let i = 0; i < this.unread.length; ) {
      const frame = this.unread[i]!;
      if (frame.type === type) {
        taken.push(frame as ServerEventOf<T>);
        this.unread.splice(i, 1);
      } else i += 1;
    }
    return taken;
  }

  close(): void {
    this.ws.close();
  }

  private receive(frame: ServerEvent): void {
    this.received.push(frame);
    const index = this.waiters.findIndex((waiter) => waiter.match(frame));
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      waiter!.resolve(frame);
      return;
    }
    this.unread.push(frame);
  }
}
