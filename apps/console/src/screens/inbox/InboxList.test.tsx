import type { ConversationSummary } from '@parley/protocol';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { InboxList, type InboxListProps } from './InboxList';

const NOW = 1_000_000_000;
const row = (id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  conversation: { id, siteId: 's', visitorId: `v${id}`, status: 'queued', assignee: null, lastSeq: 1, queuePosition: 1, createdAt: 0, closedAt: null, rating: null },
  visitor: { id: `v${id}`, name: null, email: null, displayName: 'Amber Otter' },
  lastMessage: { text: 'Where is my order?', authorType: 'visitor', internal: false, createdAt: NOW - 60_000 },
  queuedAt: NOW - 4 * 60_000,
  unread: 1,
  tags: [],
  ...patch,
});

const props = (patch: Partial<InboxListProps> = {}): InboxListProps => ({
  view: 'waiting',
  counts: { waiting: 2, mine: 1, open: 3, closed: 7, offline: 0, unreadMine: 0 },
  rows: [row('a'), row('b', { visitor: { id: 'vb', name: 'Maya', email: 'maya@x.example', displayName: 'Maya' }, unread: 0, tags: ['returns'] })],
  tags: ['returns', 'shipping'],
  tag: undefined,
  openId: undefined,
  selectedIndex: 0,
  myId: 'me',
  now: NOW,
  onView: vi.fn(),
  onTag: vi.fn(),
  onOpen: vi.fn(),
  ...patch,
});

describe('inbox', () => {
  it('shows each view with its count and switches view on click', () => {
    const onView = vi.fn();
    render(<InboxList {...props({ onView })} />);
    expect(screen.getByTestId('count-waiting').textContent).toBe('2');
    expect(screen.getByTestId('count-closed').textContent).toBe('7');
    fireEvent.click(screen.getByRole('tab', { name: /All open/ }));
    expect(onView).toHaveBeenCalledWith('open');
  });

  it("shows a count at the server's cap as that many or more", () => {
    render(<InboxList {...props({ counts: { waiting: 2, mine: 1, open: 3, closed: 1000, offline: 999, unreadMine: 0 } })} />);
    expect(screen.getByTestId('count-closed').textContent).toBe('1,000+');
    expect(screen.getByTestId('count-offline').textContent).toBe('999');
  });

  it('shows the shopper, last message, waiting time, unread mark and tags per row', () => {
    render(<InboxList {...props()} />);
    const rows = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Amber Otter');
    expect(rows[0]!.textContent).toContain('waiting 4 min');
    expect(rows[0]!.textContent).toContain('Where is my order?');
    expect(rows[0]!.classList.contains('unread')).toBe(true);
    expect(rows[0]!.getAttribute('aria-selected')).toBe('true');
    expect(rows[1]!.textContent).toContain('Maya');
    expect(rows[1]!.classList.contains('unread')).toBe(false);
    expect(rows[1]!.querySelector('.tag')?.textContent).toBe('returns');
  });

  it('marks notes and replies in the last-message line, and opens a row on click', () => {
    const onOpen = vi.fn();
    const note = row('c', { queuedAt: null, lastMessage: { text: 'VIP', authorType: 'agent', internal: true, createdAt: NOW } });
    render(<InboxList {...props({ rows: [note], onOpen })} />);
    expect(screen.getByText('Note: VIP')).toBeTruthy();
    fireEvent.click(within(screen.getByRole('listbox')).getByRole('option'));
    expect(onOpen).toHaveBeenCalledWith('c');
  });

  it('lists offline messages in their own view with the count and the email the shopper asked to be answered at', () => {
    const onView = vi.fn();
    const left = row('o', {
      conversation: {
        ...row('o').conversation,
        status: 'offline',
        queuePosition: null,
        fallback: { reason: 'nobody_online', since: NOW - 5000 },
        offlineEmail: 'kim@shop.example',
      },
      // Signed in on the shop with another address: the reply goes where the form said.
      visitor: { id: 'vo', name: 'Kim', email: 'kim.lee@example.com', displayName: 'Kim' },
      queuedAt: null,
    });
    render(<InboxList {...props({ view: 'offline', counts: { waiting: 2, mine: 1, open: 3, closed: 7, offline: 4, unreadMine: 0 }, rows: [left], onView })} />);
    expect(screen.getByTestId('count-offline').textContent).toBe('4');
    expect(screen.getByRole('tab', { name: /Offline/ }).getAttribute('aria-selected')).toBe('true');
    const option = within(screen.getByRole('listbox', { name: 'Offline' })).getByRole('option');
    expect(option.textContent).toContain('Left a message — kim@shop.example');
    expect(option.querySelector('[data-testid="fallback-badge"]')?.textContent).toBe('Bot');
    fireEvent.click(screen.getByRole('tab', { name: /Waiting/ }));
    expect(onView).toHaveBeenCalledWith('waiting');
  });

  it('badges a conversation the bot took over after hours, and no other', () => {
    const afterHours = row('h', { conversation: { ...row('h').conversation, fallback: { reason: 'closed', since: NOW } } });
    render(<InboxList {...props({ rows: [afterHours, row('n')] })} />);
    const [first, second] = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(first!.querySelector('[data-testid="fallback-badge"]')?.textContent).toBe('After hours');
    expect(second!.querySelector('[data-testid="fallback-badge"]')).toBeNull();
    expect(second!.textContent).not.toContain('Left a message');
  });

  it('filters by tag', () => {
    const onTag = vi.fn();
    render(<InboxList {...props({ onTag })} />);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'shipping' } });
    expect(onTag).toHaveBeenCalledWith('shipping');
  });
});
