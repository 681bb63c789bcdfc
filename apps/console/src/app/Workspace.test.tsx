import type { AgentView, ConversationSummary, InboxResponse } from '@parley/protocol';
import { render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from './Workspace';

const me: AgentView = { id: 'me', name: 'Ana', email: 'ana@x.example', role: 'agent', capacity: 3, status: 'online' };

const summary = (id: string, name: string): ConversationSummary => ({
  conversation: { id, siteId: 's', visitorId: `v-${id}`, status: 'queued', assignee: null, lastSeq: 1, queuePosition: 1, createdAt: 1, closedAt: null, rating: null },
  visitor: { id: `v-${id}`, name, email: null, displayName: name },
  lastMessage: { text: `Hello from ${name}`, authorType: 'visitor', internal: false, createdAt: Date.now() },
  queuedAt: Date.now() - 120_000,
  unread: 1,
  tags: [],
});

class FakeSocket {
  static last: FakeSocket | undefined;
  readyState = 1;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  send() {}
  close() {}
  push(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}
(FakeSocket as unknown as { OPEN: number }).OPEN = 1;

describe('workspace', () => {
  let inbox: InboxResponse;
  beforeEach(() => {
    window.location.hash = '#/inbox';
    inbox = { conversations: [summary('a', 'Maya')], counts: { waiting: 1, mine: 0, open: 0, closed: 0, offline: 0, unreadMine: 0 }, tags: [] };
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        const body = path.startsWith('/api/v1/console/conversations') ? inbox
          : path.endsWith('canned-responses') ? { cannedResponses: [] }
          : path.endsWith('preferences') ? { desktopNotifications: false, sound: false, unreadInTitle: true }
          : {};
        return new Response(JSON.stringify(body), { status: 200 });
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('updates the waiting list, its count and the tab title live when the socket reports a new shopper', async () => {
    render(<Workspace me={me} onLoggedOut={() => {}} />);
    FakeSocket.last!.push({ type: 'session.ready', protocol: 1, conversations: [], agents: [{ agentId: 'me', name: 'Ana', status: 'online', openCount: 0, capacity: 3 }] });
    await waitFor(() => expect(screen.getByTestId('count-waiting').textContent).toBe('1'));
    expect(screen.getByRole('status').textContent).toBe('Connected');
    expect(screen.getByText('Chats 0/3')).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(1) Parley'));

    inbox = { ...inbox, conversations: [summary('a', 'Maya'), summary('b', 'Lee')], counts: { ...inbox.counts, waiting: 2 } };
    FakeSocket.last!.push({ type: 'conversation.queued', conversation: inbox.conversations[1]!.conversation });
    await waitFor(() => expect(screen.getByTestId('count-waiting').textContent).toBe('2'));
    const rows = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(rows.map((row) => row.querySelector('.visitor-name')?.textContent)).toEqual(['Maya', 'Lee']);
    await waitFor(() => expect(document.title).toBe('(2) Parley'));
  });

  it('keeps the inbox fresh while events keep coming, without waiting for a quiet moment', async () => {
    render(<Workspace me={me} onLoggedOut={() => {}} />);
    FakeSocket.last!.push({ type: 'session.ready', protocol: 1, conversations: [], agents: [] });
    await waitFor(() => expect(screen.getByTestId('count-waiting').textContent).toBe('1'));
    inbox = { ...inbox, conversations: [summary('a', 'Maya'), summary('b', 'Lee')], counts: { ...inbox.counts, waiting: 2 } };
    // A busy store: something happens every 50 ms for a second.
    for (let i = 0; i < 20; i += 1) {
      FakeSocket.last!.push({ type: 'conversation.queued', conversation: inbox.conversations[1]!.conversation });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(screen.getByTestId('count-waiting').textContent).toBe('2');
  });

  it('shows the connection dropping', async () => {
    render(<Workspace me={me} onLoggedOut={() => {}} />);
    FakeSocket.last!.push({ type: 'session.ready', protocol: 1, conversations: [], agents: [] });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Connected'));
    FakeSocket.last!.onclose?.({ code: 1006 });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reconnecting…'));
  });
});
