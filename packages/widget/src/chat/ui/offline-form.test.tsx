import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STRINGS } from '../../strings';
import type { ChatState, OfflineState } from '../state/types';
import { ChatPanel } from './chat-panel';
import { chatState, conversation, settings, spyActions } from './test-fixtures';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.UTC(2026, 10, 23, 20, 0, 0));
});

const closedStore = { live: false, open: false, nextOpenAt: null, typicalWaitSeconds: null };

/** Renders the panel before a chat, opens the offline form and returns helpers to fill it in. */
function openForm(state: ChatState = chatState({ availability: closedStore })) {
  const actions = spyActions();
  const props = { actions, settings, strings: STRINGS.en, locale: 'en' };
  const view = render(<ChatPanel state={state} {...props} />);
  fireEvent.click(screen.getByRole('button', { name: 'Leave a message' }));
  const fill = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
  const withOffline = (offline: OfflineState, patch: Partial<ChatState> = {}) =>
    view.rerender(<ChatPanel state={{ ...state, offline, ...patch }} {...props} />);
  return { actions, fill, withOffline, container: view.container };
}

const send = () => fireEvent.click(screen.getByRole('button', { name: 'Send message' }));

describe('offline form', () => {
  it('checks the email before sending, and announces what is wrong', () => {
    const { actions, fill } = openForm();
    fill('Name', 'Kim');
    fill('Message', 'Do you restock size 10?');
    fill('Email', 'kim@example');
    send();
    expect(actions.submitOffline).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please enter a valid email address.');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
  });

  it('asks for the name and message', () => {
    const { actions, fill } = openForm();
    fill('Email', 'kim@example.com');
    send();
    expect(actions.submitOffline).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Please fill in your name and message.');
  });

  it('sends the trimmed form with an empty, hidden honeypot and the time it was open', () => {
    const { actions, fill, container } = openForm();
    const honeypot = container.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot.getAttribute('tabindex')).toBe('-1');
    expect(honeypot.getAttribute('autocomplete')).toBe('off');
    expect(honeypot.getAttribute('aria-hidden')).toBe('true');
    expect(honeypot.className).toBe('sr');
    expect(screen.getByLabelText('Email').getAttribute('type')).toBe('email');
    vi.setSystemTime(Date.UTC(2026, 10, 23, 20, 0, 12));
    fill('Name', ' Kim ');
    fill('Email', ' kim@example.com ');
    fill('Message', 'Do you restock size 10?');
    send();
    expect(actions.submitOffline).toHaveBeenCalledWith({
      name: 'Kim',
      email: 'kim@example.com',
      message: 'Do you restock size 10?',
      website: '',
      elapsedMs: 12_000,
    });
  });

  it('disables sending while it sends, then confirms with the address and brings the composer back', () => {
    const { fill, withOffline } = openForm();
    fill('Name', 'Kim');
    withOffline({ status: 'sending', email: null });
    expect((screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement).disabled).toBe(true);
    withOffline({ status: 'sent', email: 'kim@example.com' });
    expect(screen.getByText("Thanks! We'll reply to kim@example.com.").getAttribute('role')).toBe('status');
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(screen.getByLabelText('Your message')).toBeTruthy();
  });

  it('shows an error with a retry that sends the same values again', () => {
    const { actions, fill, withOffline } = openForm();
    fill('Name', 'Kim');
    fill('Email', 'kim@example.com');
    fill('Message', 'Hello');
    send();
    withOffline({ status: 'error', email: null });
    expect(screen.getByRole('alert').textContent).toContain('Your message could not be sent.');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Kim');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(actions.submitOffline).toHaveBeenCalledTimes(2);
    expect(actions.submitOffline.mock.calls[1]![0]).toMatchObject({ name: 'Kim', email: 'kim@example.com', message: 'Hello' });
  });

  it('can be cancelled back to the composer', () => {
    openForm();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(screen.getByLabelText('Your message')).toBeTruthy();
  });
});

describe('offline conversation', () => {
  const renderOffline = (email: string | null) =>
    render(
      <ChatPanel
        state={chatState({ conversation: conversation({ status: 'offline' }), offline: { status: 'idle', email } })}
        actions={spyActions()}
        settings={settings}
        strings={STRINGS.en}
        locale="en"
      />,
    );

  it('says the answer comes by email to the known address, and the shopper can keep writing', () => {
    renderOffline('kim@example.com');
    expect(screen.getByText("We'll answer by email at kim@example.com.")).toBeTruthy();
    expect(screen.getByLabelText('Your message')).toBeTruthy();
  });

  it('says the answer comes by email when the address is not known here', () => {
    renderOffline(null);
    expect(screen.getByText("We'll answer by email.")).toBeTruthy();
  });
});
