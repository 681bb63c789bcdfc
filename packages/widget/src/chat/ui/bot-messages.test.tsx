import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../../strings';
import type { ChatState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, message, settings, spyActions } from './test-fixtures';

afterEach(cleanup);

function renderPanel(state: ChatState, locale: 'en' | 'fr' = 'en') {
  const props = { actions: spyActions(), settings, strings: STRINGS[locale], locale };
  const view = render(<ChatPanel state={state} {...props} />);
  return { update: (next: ChatState) => view.rerender(<ChatPanel state={next} {...props} />), container: view.container };
}

const fallback = conversation({ status: 'queued', fallback: 'nobody_online' });
const faqAnswer = (text: string) => message({ author: 'bot', text, bot: { kind: 'faq_answer', faqEntryId: 'faq_1' } });
const noMatch = () => message({ author: 'bot', text: 'No FAQ entry matched (agent note)', bot: { kind: 'no_match', faqEntryId: null } });
const items = () => within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');

describe('bot messages', () => {
  it('are labelled as the store’s automatic answer', () => {
    renderPanel(chatState({ conversation: fallback, messages: [message({ text: 'Returns?' }), faqAnswer('30 days.')] }));
    expect(within(items()[1]!).getByText('Automatic answer')).toBeTruthy();
    expect(items()[1]!.className).not.toContain('me');
  });

  it('ask “Did that help?” under the last FAQ answer only; Yes thanks the shopper', () => {
    renderPanel(
      chatState({
        conversation: fallback,
        messages: [message({ text: 'Returns?' }), faqAnswer('30 days.'), message({ text: 'And shipping?' }), faqAnswer('Free over $50.')],
      }),
    );
    expect(screen.getAllByText('Did that help?')).toHaveLength(1);
    const last = items()[3]!;
    expect(within(last).getByText('Did that help?')).toBeTruthy();
    expect(within(items()[1]!).queryByRole('button', { name: 'Yes' })).toBeNull();
    fireEvent.click(within(last).getByRole('button', { name: 'Yes' }));
    expect(within(last).getByText('Glad we could help!')).toBeTruthy();
    expect(screen.queryByText('Did that help?')).toBeNull();
  });

  it('open the offline form from “Talk to a person”, prefilled with the shopper’s last message', () => {
    renderPanel(chatState({ conversation: fallback, messages: [message({ text: 'Is size 9 wide?' }), faqAnswer('See our size guide.')] }));
    expect(screen.getByLabelText('Your message')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Talk to a person' }));
    expect(screen.queryByLabelText('Your message')).toBeNull();
    expect((screen.getByLabelText('Message') as HTMLTextAreaElement).value).toBe('Is size 9 wide?');
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('hide a no-match’s stored text and show the localised apology with the offline form', () => {
    renderPanel(chatState({ conversation: fallback, messages: [message({ text: 'Gift wrap?' }), noMatch()] }), 'fr');
    expect(screen.queryByText(/agent note/)).toBeNull();
    expect(screen.getByText(STRINGS.fr.noMatch)).toBeTruthy();
    expect(screen.queryByText('Cela vous a-t-il aidé ?')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Laisser un message' }));
    expect(screen.getByLabelText('E-mail')).toBeTruthy();
  });

  it('announce a no-match with the apology, never its stored text', () => {
    const history = [message({ text: 'Gift wrap?' })];
    const { update, container } = renderPanel(chatState({ conversation: fallback, messages: history }));
    update(chatState({ conversation: fallback, messages: [...history, noMatch()] }));
    const live = container.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toBe(`Automatic answer: ${STRINGS.en.noMatch}`);
  });
});
