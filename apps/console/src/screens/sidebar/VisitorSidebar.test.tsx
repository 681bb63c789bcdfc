import type { ConversationSummary, VisitorProfile } from '@parley/protocol';
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { VisitorSidebar } from './VisitorSidebar';

const NOW = Date.UTC(2026, 10, 23, 20, 0);
const visitor: VisitorProfile = {
  id: 'v1', name: 'Maya', email: 'maya@example.com', externalId: 'cust-42', verified: true,
  attributes: { cartValue: 129.5, plan: 'gold' },
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  locale: 'en-GB', timezone: 'Asia/Tokyo',
  pages: [
    { url: 'https://shop.example/boots/red', title: 'Red boots', viewedAt: NOW - 1000 },
    { url: 'https://shop.example/', title: 'Home', viewedAt: NOW - 60_000 },
  ],
  createdAt: NOW - 3_600_000, lastSeenAt: NOW,
};
const earlier: ConversationSummary = {
  conversation: { id: 'old', siteId: 's', visitorId: 'v1', status: 'closed', assignee: null, lastSeq: 3, queuePosition: null,
    createdAt: NOW - 86_400_000, closedAt: NOW - 86_000_000, rating: { score: 4, comment: 'Quick help' } },
  visitor: { id: 'v1', name: 'Maya', email: null, displayName: 'Maya' },
  lastMessage: { text: 'Thanks, bye', authorType: 'visitor', internal: false, createdAt: NOW - 86_000_000 },
  queuedAt: null, unread: 0, tags: [],
};

describe('shopper sidebar', () => {
  it('shows identity with the verified badge, current page, browser, local time and store attributes', () => {
    render(<VisitorSidebar visitor={visitor} displayName="Maya" conversations={[earlier]} history={[earlier]} now={NOW} onOpenConversation={vi.fn()} />);
    expect(screen.getByText('Verified')).toBeTruthy();
    expect(screen.getByText('maya@example.com')).toBeTruthy();
    expect(screen.getByTestId('current-page').textContent).toContain('Red boots');
    expect(screen.getByTestId('current-page').querySelector('a')?.getAttribute('href')).toBe('https://shop.example/boots/red');
    expect(screen.getByText('Chrome 120 on Windows')).toBeTruthy();
    expect(screen.getByText(/Asia\/Tokyo/).textContent).toMatch(/0?5:00/);
    expect(screen.getByText('cartValue').nextElementSibling?.textContent).toBe('129.5');
    expect(screen.getByText('Home')).toBeTruthy();
    expect(screen.getByText(/4\/5/)).toBeTruthy();
  });

  it('marks an unverified identity and links earlier conversations', () => {
    const onOpen = vi.fn();
    render(<VisitorSidebar visitor={{ ...visitor, verified: false }} displayName="Maya" conversations={[]} history={[earlier]} now={NOW} onOpenConversation={onOpen} />);
    expect(screen.getByText('Not verified')).toBeTruthy();
    fireEvent.click(screen.getByText(/Thanks, bye/));
    expect(onOpen).toHaveBeenCalledWith('old');
  });

  it('says what it does not know about an anonymous shopper', () => {
    const anonymous: VisitorProfile = { ...visitor, name: null, email: null, externalId: null, verified: false, attributes: {}, userAgent: null, timezone: null, pages: [] };
    render(<VisitorSidebar visitor={anonymous} displayName="Amber Otter" conversations={[]} history={[]} now={NOW} onOpenConversation={vi.fn()} />);
    expect(screen.queryByText('Verified')).toBeNull();
    expect(screen.getAllByText('Unknown')).toHaveLength(3);
    expect(screen.getByText('None')).toBeTruthy();
  });
});
