import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { STRINGS } from '../../strings';
import type { ChatState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, message, settings, spyActions } from './test-fixtures';

afterEach(cleanup);

const closed = (patch: Partial<ChatState> = {}) =>
  chatState({ conversation: conversation({ status: 'closed' }), messages: [message({ author: 'agent', text: 'Bye!' })], ...patch });

function renderPanel(state: ChatState) {
  const actions = spyActions();
  render(<ChatPanel state={state} actions={actions} settings={settings} strings={STRINGS.en} locale="en" />);
  return actions;
}

describe('transcript email', () => {
  it('is offered once the chat is closed, and only then', () => {
    renderPanel(chatState({ conversation: conversation(), messages: [message()] }));
    expect(screen.queryByLabelText('Email me this conversation')).toBeNull();
    cleanup();
    renderPanel(closed());
    expect(screen.getByLabelText('Email me this conversation')).toBeTruthy();
  });

  it('checks the address, then requests the transcript', () => {
    const actions = renderPanel(closed());
    const input = screen.getByLabelText('Email me this conversation');
    fireEvent.input(input, { target: { value: 'not an email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.requestTranscript).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please enter a valid email address.');
    fireEvent.input(input, { target: { value: ' kim@example.com ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(actions.requestTranscript).toHaveBeenCalledWith('kim@example.com');
  });

  it('starts from the address given in the offline form', () => {
    renderPanel(closed({ offline: { status: 'sent', email: 'kim@example.com' } }));
    expect((screen.getByLabelText('Email me this conversation') as HTMLInputElement).value).toBe('kim@example.com');
  });

  it('says where it was sent', () => {
    renderPanel(closed({ transcriptSentTo: 'kim@example.com' }));
    expect(screen.getByText('Sent to kim@example.com').getAttribute('role')).toBe('status');
    expect(screen.queryByLabelText('Email me this conversation')).toBeNull();
  });
});
