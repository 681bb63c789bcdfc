import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSocket, type ConnectionState } from './agent-socket';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  close() {}
  /** The server accepted and said hello. */
  ready() {
    this.readyState = 1;
    this.receive({ type: 'session.ready', protocol: 1, conversations: [], agents: [] });
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

describe('agent socket', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.all = [];
  });
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const states: ConnectionState[] = [];
    const events: string[] = [];
    const socket = new AgentSocket({
      url: 'ws://test/ws/agent',
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      onState: (state) => states.push(state),
      onEvent: (event) => events.push(event.type),
    });
    socket.start();
    return { socket, states, events };
  };

  it('reconnects after a drop with growing, capped delays and shows the state', () => {
    const { states } = start();
    FakeSocket.all[0]!.ready();
    expect(states).toEqual(['open']);
    FakeSocket.all[0]!.drop();
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(500);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1]!.drop();
    vi.advanceTimersByTime(499);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(501);
    expect(FakeSocket.all).toHaveLength(3);
    FakeSocket.all[2]!.ready();
    expect(states.at(-1)).toBe('open');
    for (let i = 0; i < 12; i += 1) {
      FakeSocket.all.at(-1)!.drop();
      vi.advanceTimersByTime(30_000);
    }
    expect(FakeSocket.all).toHaveLength(15);
  });

  it('stops reconnecting when the session ended elsewhere', () => {
    const { states } = start();
    FakeSocket.all[0]!.ready();
    FakeSocket.all[0]!.drop(4403);
    vi.advanceTimersByTime(60_000);
    expect(states.at(-1)).toBe('ended');
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('answers a request with its ok or error, and ignores frames that do not parse', async () => {
    const { socket, events } = start();
    FakeSocket.all[0]!.ready();
    const accepted = socket.request({ type: 'conversation.accept', conversationId: 'c1', ref: 'r1' });
    const taken = socket.request({ type: 'conversation.accept', conversationId: 'c2', ref: 'r2' });
    FakeSocket.all[0]!.receive({ type: 'ok', ref: 'r1' });
    FakeSocket.all[0]!.receive({ type: 'error', code: 'already_assigned', message: 'taken', ref: 'r2' });
    FakeSocket.all[0]!.receive({ type: 'made.up' });
    await expect(accepted).resolves.toMatchObject({ type: 'ok' });
    await expect(taken).rejects.toMatchObject({ code: 'already_assigned' });
    expect(events).toEqual(['session.ready', 'ok', 'error']);
    expect(JSON.parse(FakeSocket.all[0]!.sent[0]!)).toEqual({ type: 'conversation.accept', conversationId: 'c1', ref: 'r1' });
  });
});
