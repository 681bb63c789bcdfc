import { MAX_MESSAGE_LENGTH } from '@parley/protocol/constants';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STRINGS } from '../../strings';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, settings, spyActions } from './test-fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function setup() {
  const actions = spyActions();
  render(<ChatPanel state={chatState({ conversation: conversation() })} actions={actions} settings={settings} strings={STRINGS.en} locale="en" />);
  const input = screen.getByLabelText('Your message') as HTMLTextAreaElement;
  const type = (value: string) => fireEvent.input(input, { target: { value } });
  return { actions, input, type };
}

describe('Composer', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 10, 23, 20, 0, 0));
  });

  it('sends the trimmed text on Enter and clears the field', () => {
    const { actions, input, type } = setup();
    type('  Do you have size 9?  ');
    const notPrevented = fireEvent.keyDown(input, { key: 'Enter' });
    expect(notPrevented).toBe(false);
    expect(actions.send).toHaveBeenCalledWith('Do you have size 9?');
    expect(input.value).toBe('');
  });

  it('sends with the send button too', () => {
    const { actions, type } = setup();
    type('Hello');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.send).toHaveBeenCalledWith('Hello');
  });

  it('leaves Shift+Enter to the textarea (a new line), without sending', () => {
    const { actions, input, type } = setup();
    type('first line');
    const notPrevented = fireEvent.keyDown(input, { key: 'Enter', shiftKey: true });
    expect(notPrevented).toBe(true);
    expect(actions.send).not.toHaveBeenCalled();
    expect(input.value).toBe('first line');
  });

  it('does not send a blank message', () => {
    const { actions, input, type } = setup();
    type('   \n  ');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.send).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('warns near the limit and refuses a message over it', () => {
    const { actions, input, type } = setup();
    type('x'.repeat(MAX_MESSAGE_LENGTH - 10));
    expect(screen.getByText('10 characters left')).toBeTruthy();

    type('x'.repeat(MAX_MESSAGE_LENGTH + 5));
    expect(screen.getByText('Too long by 5 characters')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.send).not.toHaveBeenCalled();
    expect(input.value).toHaveLength(MAX_MESSAGE_LENGTH + 5);

    type('x'.repeat(MAX_MESSAGE_LENGTH));
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.send).toHaveBeenCalledWith('x'.repeat(MAX_MESSAGE_LENGTH));
  });

  it('reports typing at most every 2 s, and stops when the text empties', () => {
    const { actions, type } = setup();
    type('H');
    type('He');
    expect(actions.setTyping.mock.calls).toEqual([[true]]);
    vi.setSystemTime(Date.now() + 2000);
    type('Hel');
    expect(actions.setTyping.mock.calls).toEqual([[true], [true]]);
    type('');
    expect(actions.setTyping.mock.calls).toEqual([[true], [true], [false]]);
  });

  it('stops typing when the message is sent', () => {
    const { actions, input, type } = setup();
    type('Hi');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(actions.setTyping.mock.calls).toEqual([[true], [false]]);
  });
});
