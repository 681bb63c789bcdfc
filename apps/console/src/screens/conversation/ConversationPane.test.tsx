import type { AgentView, ConversationSummary, ConversationView } from '@parley/protocol';
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { ConversationPane, type ConversationPaneProps } from './ConversationPane';
import type { DisplayMessage } from './Transcript';

const me: AgentView = { id: 'me', name: 'Ana', email: 'ana@x.example', role: 'agent', capacity: 5, status: 'online' };
const base: ConversationView = { id: 'c1', siteId: 's', visitorId: 'v1', status: 'open', assignee: { id: 'me', name: 'Ana' }, lastSeq: 4, queuePosition: null, createdAt: 0, closedAt: null, rating: null };
const summary: ConversationSummary = { conversation: base, visitor: { id: 'v1', name: 'Maya', email: null, displayName: 'Maya' }, lastMessage: null, queuedAt: null, unread: 0, tags: [] };
const message = (seq: number, patch: Partial<DisplayMessage>): DisplayMessage => ({
  id: `m${seq}`, conversationId: 'c1', seq, clientId: `k${seq}`, author: { type: 'visitor', id: 'v1', name: null }, text: '', internal: false, page: null, createdAt: Date.UTC(2026, 0, 1, 9, seq), ...patch,
});
const messages: DisplayMessage[] = [
  message(1, { text: 'Where are my boots? <b>now</b>' }),
  message(2, { author: { type: 'agent', id: 'me', name: 'Ana' }, text: 'Checking!' }),
  message(3, { author: { type: 'agent', id: 'me', name: 'Ana' }, text: 'Customer is VIP', internal: true }),
  message(4, { author: { type: 'agent', id: 'me', name: 'Ana' }, text: 'Shipped today' }),
  message(0, { id: 'tmp', seq: 0, author: { type: 'agent', id: 'me', name: 'Ana' }, text: 'One more thing', pending: 'sending' }),
];

const setup = (patch: Partial<ConversationPaneProps> = {}) => {
  const handlers = { onAccept: vi.fn(), onClose: vi.fn(), onReopen: vi.fn(), onTransfer: vi.fn(), onAddTag: vi.fn(), onRemoveTag: vi.fn(), onSend: vi.fn(), onTyping: vi.fn() };
  const pane = (patch: Partial<ConversationPaneProps>) => (
    <ConversationPane
      summary={summary} conversation={base} messages={messages} visitorReadSeq={2} typingName={undefined} me={me}
      agents={[
        { agentId: 'me', name: 'Ana', status: 'online', openCount: 1, capacity: 5 },
        { agentId: 'bo', name: 'Bo', status: 'online', openCount: 2, capacity: 3 },
        { agentId: 'cy', name: 'Cy', status: 'away', openCount: 0, capacity: 4 },
      ]}
      tags={['shipping']} cannedResponses={[]} variables={{ visitor: { name: 'Maya', email: null, attributes: {} }, agent: { name: 'Ana' }, site: { name: 'Shop' } }}
      error={undefined} {...handlers} {...patch}
    />
  );
  const view = render(pane(patch));
  return { ...handlers, rerender: (next: Partial<ConversationPaneProps>) => view.rerender(pane({ ...patch, ...next })) };
};

describe('conversation view', () => {
  it('shows the transcript with authors, read/delivered/sending states and notes set apart', () => {
    setup();
    const items = screen.getAllByTestId('message');
    expect(items).toHaveLength(5);
    expect(items[0]!.textContent).toContain('Maya');
    expect(items[0]!.textContent).toContain('<b>now</b>');
    expect(items[0]!.querySelector('b')).toBeNull();
    expect(items[1]!.querySelector('.state')?.textContent).toBe('Read');
    expect(items[2]!.classList.contains('note')).toBe(true);
    expect(items[2]!.textContent).toContain('Internal note');
    expect(items[2]!.querySelector('.state')).toBeNull();
    expect(items[3]!.querySelector('.state')?.textContent).toBe('Delivered');
    expect(items[4]!.querySelector('.state')?.textContent).toBe('Sending…');
  });

  it('shows the shopper typing', () => {
    setup({ typingName: '' });
    expect(screen.getByText('Maya is typing…')).toBeTruthy();
  });

  it('offers accept on a waiting conversation and only notes until it is accepted', () => {
    const { onAccept } = setup({ conversation: { ...base, status: 'queued', assignee: null } });
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(onAccept).toHaveBeenCalled();
    expect(screen.getByText('Accept this conversation to reply.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reopen' })).toBeNull();
  });

  it('transfers to another agent, listing each one with their load', () => {
    const { onTransfer } = setup();
    const menu = screen.getByRole('combobox', { name: 'Transfer to…' });
    const labels = within(menu).getAllByRole('option').map((option) => option.textContent);
    expect(labels).toEqual(['Transfer to…', 'Bo — 2/3 (Online)', 'Cy — 0/4 (Away)']);
    fireEvent.change(menu, { target: { value: 'bo' } });
    expect(onTransfer).toHaveBeenCalledWith('bo');
  });

  it('closes an open conversation', () => {
    const open = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(open.onClose).toHaveBeenCalled();
  });

  it('reopens a closed conversation, which has no reply box', () => {
    const { onReopen } = setup({ conversation: { ...base, status: 'closed', closedAt: 1 } });
    expect(screen.queryByRole('textbox', { name: /Reply/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reopen' }));
    expect(onReopen).toHaveBeenCalled();
  });

  it('adds and removes tags', () => {
    const { onAddTag, onRemoveTag } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Remove tag shipping' }));
    expect(onRemoveTag).toHaveBeenCalledWith('shipping');
    const input = screen.getByRole('textbox', { name: 'Add tag' });
    fireEvent.input(input, { target: { value: 'returns' } });
    fireEvent.submit(input.closest('form')!);
    expect(onAddTag).toHaveBeenCalledWith('returns');
  });

  it('marks FAQ bot answers as automatic, shows no-match turns as a muted line, and counts the answers', () => {
    const bot = { type: 'bot' as const, id: null, name: null };
    setup({
      conversation: { ...base, status: 'queued', assignee: null, fallback: { reason: 'nobody_online', since: 1 } },
      messages: [
        message(1, { text: 'How long does shipping take?' }),
        message(2, { author: bot, text: 'Orders ship within 2 days.', bot: { kind: 'faq_answer', faqEntryId: 'f1' } }),
        message(3, { text: 'Do you sell gift cards?' }),
        message(4, { author: bot, text: 'Yes, from 10 EUR.', bot: { kind: 'faq_answer', faqEntryId: 'f2' } }),
        message(5, { author: bot, text: 'No FAQ answer matched; the shopper was offered the offline form.', bot: { kind: 'no_match', faqEntryId: null } }),
      ],
    });
    const items = screen.getAllByTestId('message');
    expect(items[1]!.querySelector('.bot-label')?.textContent).toBe('FAQ bot');
    expect(items[1]!.classList.contains('bot-answer')).toBe(true);
    expect(items[0]!.querySelector('.bot-label')).toBeNull();
    expect(items[4]!.tagName).toBe('P');
    expect(items[4]!.textContent).toContain('No FAQ answer matched — offered the offline form');
    expect(items[4]!.querySelector('.bot-label')).toBeNull();
    expect(screen.getByTestId('bot-count').textContent).toBe('2 automatic answers');
    expect(screen.getByTestId('fallback-badge').textContent).toBe('Bot');
  });

  it('lets an agent accept an offline message and says replies are emailed, also once accepted', () => {
    const offline: ConversationView = { ...base, status: 'offline', assignee: null, fallback: { reason: 'closed', since: 1 }, offlineEmail: 'kim@shop.example' };
    // Signed in on the shop under another address: the replies go where the form said.
    const offlineSummary = { ...summary, conversation: offline, visitor: { ...summary.visitor, email: 'kim.lee@example.com' } };
    const { onAccept, rerender } = setup({ summary: offlineSummary, conversation: offline });
    expect(screen.getByText('Offline message')).toBeTruthy();
    expect(screen.getByTestId('replies-emailed').textContent).toBe('Replies are emailed to kim@shop.example');
    expect(screen.getByTestId('fallback-badge').textContent).toBe('After hours');
    fireEvent.click(screen.getByRole('button', { name: 'Accept' }));
    expect(onAccept).toHaveBeenCalled();

    // The socket reports the accept; the controller updates both the live state and the loaded summary.
    const accepted: ConversationView = { ...offline, status: 'open', assignee: { id: 'me', name: 'Ana' } };
    rerender({ summary: { ...offlineSummary, conversation: accepted }, conversation: accepted });
    expect(screen.getByText('Open')).toBeTruthy();
    expect(screen.getByTestId('replies-emailed').textContent).toBe('Replies are emailed to kim@shop.example');
  });

  it('says nothing about email or the bot for a live chat', () => {
    setup();
    expect(screen.queryByTestId('replies-emailed')).toBeNull();
    expect(screen.queryByTestId('bot-count')).toBeNull();
    expect(screen.queryByTestId('fallback-badge')).toBeNull();
  });

  it('sends a reply from the composer', () => {
    const { onSend } = setup();
    const box = screen.getByRole('textbox', { name: /Reply/ });
    fireEvent.input(box, { target: { value: 'On its way' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('On its way', false);
  });
});
