import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../../strings';
import type { ChatState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, message, settings, spyActions } from './test-fixtures';

afterEach(cleanup);

function renderPanel(state: ChatState) {
  const actions = spyActions();
  render(<ChatPanel state={state} actions={actions} settings={settings} strings={STRINGS.en} locale="en" />);
  return actions;
}

const closed = (rating: number | null = null) =>
  chatState({ conversation: conversation({ status: 'closed', rating }), messages: [message({ author: 'agent', text: 'Bye!' })] });

describe('Rating', () => {
  it('replaces the composer once the chat is closed, and offers no "end chat"', () => {
    renderPanel(closed());
    expect(screen.queryByLabelText('Your message')).toBeNull();
    expect(screen.getByText('This chat has ended.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'End chat' })).toBeNull();
    expect(screen.getAllByRole('button', { name: /of 5 stars$/ })).toHaveLength(5);
  });

  it('sends the chosen score with the comment, then thanks and offers a new conversation', () => {
    const actions = renderPanel(closed());
    const submit = screen.getByRole('button', { name: 'Send rating' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '4 of 5 stars' }));
    expect(screen.getByRole('button', { name: '4 of 5 stars' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.input(screen.getByLabelText('Comment (optional)'), { target: { value: '  Quick and kind.  ' } });
    fireEvent.click(submit);

    expect(actions.rate).toHaveBeenCalledWith(4, 'Quick and kind.');
    expect(screen.getByText('Thanks for your feedback!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Start a new conversation' }));
    expect(actions.startNew).toHaveBeenCalledTimes(1);
  });

  it('sends a score without a comment', () => {
    const actions = renderPanel(closed());
    fireEvent.click(screen.getByRole('button', { name: '1 of 5 stars' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(actions.rate).toHaveBeenCalledWith(1);
  });

  it('shows the thank-you when the conversation is already rated', () => {
    renderPanel(closed(5));
    expect(screen.getByText('Thanks for your feedback!')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /of 5 stars$/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Start a new conversation' })).toBeTruthy();
  });

  it('keeps keyboard focus inside the panel when it replaces the composer', () => {
    renderPanel(closed());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: '1 of 5 stars' }));
  });
});
