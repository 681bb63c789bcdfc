import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../../strings';
import type { ChatState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, message, settings, spyActions } from './test-fixtures';

afterEach(cleanup);

function renderPanel(state: ChatState, options: { locale?: 'en' | 'de'; actions?: ReturnType<typeof spyActions> } = {}) {
  const actions = options.actions ?? spyActions();
  const locale = options.locale ?? 'en';
  const props = { actions, settings, strings: STRINGS[locale], locale };
  const view = render(<ChatPanel state={state} {...props} />);
  return { actions, ...view, update: (next: ChatState) => view.rerender(<ChatPanel state={next} {...props} />) };
}

describe('ChatPanel', () => {
  it('is a non-modal dialog named by its title, with the greeting before any message', () => {
    renderPanel(chatState());
    const dialog = screen.getByRole('dialog', { name: 'Chat with Boot Barn' });
    expect(dialog.getAttribute('aria-modal')).toBe('false');
    expect(screen.getByText('Hi! Ask us anything about sizes and shipping.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'End chat' })).toBeNull();
  });

  it('falls back to the site name when there is no title, and hides the greeting once messages exist', () => {
    render(
      <ChatPanel
        state={chatState({ messages: [message({ text: 'Do you ship to Canada?' })] })}
        actions={spyActions()}
        settings={{ ...settings, title: '' }}
        strings={STRINGS.en}
        locale="en"
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Boot Barn' })).toBeTruthy();
    expect(screen.queryByText(/Ask us anything/)).toBeNull();
    expect(screen.getByText('Do you ship to Canada?')).toBeTruthy();
  });

  it('shows the queue position while queued', () => {
    renderPanel(chatState({ conversation: conversation({ status: 'queued', queuePosition: 2 }) }));
    expect(screen.getByText('You are number 2 in line')).toBeTruthy();
  });

  it('shows the queue position in the shopper’s language', () => {
    renderPanel(chatState({ conversation: conversation({ status: 'queued', queuePosition: 3 }) }), { locale: 'de' });
    expect(screen.getByText('Sie sind Nummer 3 in der Warteschlange')).toBeTruthy();
  });

  it('shows the assigned agent’s name and initials, and no queue position once open', () => {
    renderPanel(chatState({ conversation: conversation({ assignee: { name: 'Ana López' } }) }));
    const header = screen.getByRole('banner');
    expect(within(header).getByText('Ana López')).toBeTruthy();
    expect(within(header).getByText('AL')).toBeTruthy();
    expect(screen.queryByText(/in line/)).toBeNull();
  });

  it('shows who is typing', () => {
    const { update } = renderPanel(chatState({ conversation: conversation(), agentTyping: { name: 'Ana' } }));
    expect(screen.getByText('Ana is typing…')).toBeTruthy();
    update(chatState({ conversation: conversation(), agentTyping: null }));
    expect(screen.queryByText('Ana is typing…')).toBeNull();
  });

  it.each([
    ['connecting', 'Connecting…'],
    ['reconnecting', 'Reconnecting…'],
    ['offline', 'Offline. Your messages will be sent when you are back.'],
  ] as const)('shows a %s banner as a status', (connection, text) => {
    renderPanel(chatState({ connection }));
    const banners = screen.getAllByRole('status').map((element) => element.textContent);
    expect(banners).toContain(text);
  });

  it('shows no connection banner while online', () => {
    renderPanel(chatState({ connection: 'online' }));
    const banners = screen.getAllByRole('status').map((element) => element.textContent);
    expect(banners.filter(Boolean)).toEqual([]);
  });

  it('puts the shopper’s messages on their own side and names the agent', () => {
    renderPanel(
      chatState({
        conversation: conversation(),
        messages: [message({ text: 'Hello?' }), message({ author: 'agent', text: 'Hi, I am Ana.' })],
      }),
    );
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([expect.stringContaining('You: Hello?'), expect.stringContaining('Hi, I am Ana.')]);
    expect(items[0]!.className).toContain('me');
    expect(items[1]!.className).not.toContain('me');
    expect(within(items[1]!).getByText('Ana López')).toBeTruthy();
  });

  it('shows message times in the shopper’s locale', () => {
    const createdAt = Date.UTC(2026, 10, 23, 14, 5);
    renderPanel(chatState({ messages: [message({ createdAt })] }), { locale: 'de' });
    const expected = new Intl.DateTimeFormat('de', { hour: 'numeric', minute: '2-digit' }).format(createdAt);
    expect(screen.getByText(expected).tagName).toBe('TIME');
  });

  it('keeps newlines and renders markup as text', () => {
    renderPanel(chatState({ messages: [message({ text: 'line one\n<b>line two</b>' })] }));
    const bubble = screen.getByText(/line one/);
    expect(bubble.textContent).toContain('line one\n<b>line two</b>');
    expect(bubble.querySelector('b')).toBeNull();
  });

  it('shows each delivery status, and Retry on a failed message calls retry with its key', () => {
    const { actions } = renderPanel(
      chatState({
        messages: [
          message({ text: 'a', status: 'sending' }),
          message({ text: 'b', status: 'sent' }),
          message({ text: 'c', status: 'read' }),
          message({ key: 'client-9', text: 'd', status: 'failed' }),
        ],
      }),
    );
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    const statusOf = (index: number) => items[index]!.querySelector('.mt span')?.textContent;
    expect([0, 1, 2, 3].map(statusOf)).toEqual(['Sending…', 'Sent', 'Read', 'Not sent']);
    const retries = screen.getAllByRole('button', { name: 'Retry' });
    expect(retries).toHaveLength(1);
    fireEvent.click(retries[0]!);
    expect(actions.retry).toHaveBeenCalledWith('client-9');
  });

  it('closes on Escape from anywhere in the panel, and from the close button', () => {
    const { actions } = renderPanel(chatState({ messages: [message({ author: 'agent' })] }));
    fireEvent.keyDown(screen.getByRole('list', { name: 'Messages' }), { key: 'Escape' });
    expect(actions.close).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('Your message'), { key: 'Escape' });
    expect(actions.close).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByRole('button', { name: 'Close chat' }));
    expect(actions.close).toHaveBeenCalledTimes(3);
  });

  it('moves focus to the composer when it opens', () => {
    renderPanel(chatState());
    expect(document.activeElement).toBe(screen.getByLabelText('Your message'));
  });

  it('ends the chat only after the in-panel confirm', () => {
    const { actions } = renderPanel(chatState({ conversation: conversation({ status: 'queued', queuePosition: 1 }) }));
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    expect(actions.endChat).not.toHaveBeenCalled();
    expect(screen.getByText('End this chat?')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('End this chat?')).toBeNull();
    expect(actions.endChat).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    fireEvent.click(screen.getByRole('button', { name: 'End' }));
    expect(actions.endChat).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('End this chat?')).toBeNull();
  });

  it('announces a new agent message politely, but not the history it opened with', () => {
    const history = [message({ author: 'agent', text: 'Earlier answer' })];
    const { update, container } = renderPanel(chatState({ conversation: conversation(), messages: history }));
    const live = container.querySelector('[aria-live="polite"]:not(#parley-count)')!;
    expect(live.textContent).toBe('');
    update(chatState({ conversation: conversation(), messages: [...history, message({ text: 'mine' })] }));
    expect(live.textContent).toBe('');
    update(chatState({ conversation: conversation(), messages: [...history, message({ author: 'agent', text: 'Size 9 is in stock.' })] }));
    expect(live.textContent).toBe('Ana López: Size 9 is in stock.');
  });

  it('anchors the card to the side the site chose, in the brand colour with readable text', () => {
    const { container } = render(
      <ChatPanel state={chatState()} actions={spyActions()} settings={{ ...settings, position: 'left' }} strings={STRINGS.en} locale="en" />,
    );
    const dialog = container.querySelector<HTMLElement>('[role="dialog"]')!;
    expect(dialog.classList.contains('left')).toBe(true);
    expect(dialog.style.getPropertyValue('--parley-brand')).toBe('#1e3a8a');
    expect(dialog.style.getPropertyValue('--parley-on-brand')).toBe('#ffffff');
  });
});
