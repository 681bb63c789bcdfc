import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../../strings';
import type { AvailabilityState, ChatState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, message, settings, spyActions } from './test-fixtures';

afterEach(cleanup);

function renderPanel(state: ChatState, locale: 'en' | 'de' = 'en', greeting = settings.greeting) {
  const actions = spyActions();
  const props = { actions, settings: { ...settings, greeting }, strings: STRINGS[locale], locale };
  const view = render(<ChatPanel state={state} {...props} />);
  return { actions, update: (next: ChatState) => view.rerender(<ChatPanel state={next} {...props} />) };
}

const availability = (patch: Partial<AvailabilityState>): AvailabilityState => ({
  live: true,
  open: true,
  nextOpenAt: null,
  typicalWaitSeconds: null,
  ...patch,
});

describe('before a chat starts', () => {
  it('shows a default greeting in the shopper’s language when the site has none', () => {
    renderPanel(chatState(), 'en', '');
    expect(screen.getByText('Hi! How can we help you today?')).toBeTruthy();
    cleanup();
    renderPanel(chatState(), 'de', '');
    expect(screen.getByText('Hallo! Wie können wir Ihnen helfen?')).toBeTruthy();
  });

  it('searches the FAQ with the trimmed query, and not for blanks', () => {
    const { actions } = renderPanel(chatState());
    const search = screen.getByRole('button', { name: 'Search' });
    fireEvent.click(search);
    expect(actions.searchFaq).not.toHaveBeenCalled();
    fireEvent.input(screen.getByLabelText('Search our FAQ'), { target: { value: '  return policy ' } });
    fireEvent.click(search);
    expect(actions.searchFaq).toHaveBeenCalledWith('return policy');
  });

  it('shows FAQ results as expandable questions whose answers render as text with safe links', () => {
    const { update } = renderPanel(chatState());
    expect(screen.queryByRole('search')!.parentElement!.querySelector('details')).toBeNull();
    update(
      chatState({
        faqResults: [
          { id: 'f1', question: 'Can I return boots?', answer: 'Yes, within 30 days: https://shop.example/returns <b>free</b>' },
          { id: 'f2', question: 'Do you ship abroad?', answer: 'To the EU and Canada.' },
        ],
      }),
    );
    const items = within(screen.getByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('summary')?.textContent)).toEqual(['Can I return boots?', 'Do you ship abroad?']);
    const answer = items[0]!.querySelector('details p')!;
    expect(answer.textContent).toBe('Yes, within 30 days: https://shop.example/returns <b>free</b>');
    expect(answer.querySelector('b')).toBeNull();
    expect(answer.querySelector('a')!.getAttribute('href')).toBe('https://shop.example/returns');
  });

  it('says when the FAQ has no answer', () => {
    renderPanel(chatState({ faqResults: [] }));
    expect(screen.getByText('No answers found. Try other words, or ask us.').getAttribute('role')).toBe('status');
  });

  it('hides the FAQ and availability once the chat has messages', () => {
    renderPanel(chatState({ availability: availability({}), messages: [message()] }));
    expect(screen.queryByLabelText('Search our FAQ')).toBeNull();
    expect(screen.queryByText(/We usually reply/)).toBeNull();
  });

  it.each([
    [null, 'We usually reply in a few minutes'],
    [90, 'We usually reply in a few minutes'],
    [300, 'We usually reply in about 5 minutes'],
  ])('live with a typical wait of %s s: “%s”, and no offline form link', (typicalWaitSeconds, text) => {
    renderPanel(chatState({ availability: availability({ typicalWaitSeconds }) }));
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Leave a message' })).toBeNull();
  });

  it('when closed, says when the store is back in the shopper’s locale and offers the offline form', () => {
    const nextOpenAt = Date.UTC(2026, 10, 30, 8, 0);
    const when = (locale: string) =>
      new Intl.DateTimeFormat(locale, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(nextOpenAt);
    renderPanel(chatState({ availability: availability({ live: false, open: false, nextOpenAt }) }));
    expect(screen.getByText(`We're closed right now. We're back ${when('en')}. Leave a message and we'll reply by email.`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
    expect(screen.getByLabelText('Email')).toBeTruthy();
    expect(screen.queryByLabelText('Your message')).toBeNull();
    cleanup();
    renderPanel(chatState({ availability: availability({ live: false, open: false, nextOpenAt }) }), 'de');
    expect(screen.getByText(new RegExp(`Wir sind ${when('de')} wieder da\\.`))).toBeTruthy();
  });

  it('when closed with no known opening, leaves the time out', () => {
    renderPanel(chatState({ availability: availability({ live: false, open: false }) }));
    expect(screen.getByText("We're closed right now. Leave a message and we'll reply by email.")).toBeTruthy();
  });

  it('when open but nobody is online, says so and offers the offline form', () => {
    renderPanel(chatState({ availability: availability({ live: false, open: true }) }));
    expect(screen.getByText("Nobody is online right now — leave a message and we'll reply by email.")).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
    expect(screen.getByRole('form', { name: 'Leave a message' })).toBeTruthy();
  });
});
