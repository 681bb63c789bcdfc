import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMail } from '../../../api/admin-types';
import { fakeApi } from '../../../test-support/fake-api';
import { MailOutbox } from './MailOutbox';

const mail = (id: string, patch: Partial<OutboxMail>): OutboxMail => ({
  id, kind: 'notification', to: 'owner@boots.example', subject: 'New message from Kim', state: 'sent', attempts: 1, lastError: null,
  createdAt: Date.UTC(2026, 10, 23, 9), sentAt: null, ...patch,
});

describe('mail outbox', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows counts and recent mail, and retries a failed one', async () => {
    let mails = [
      mail('m1', { kind: 'receipt', to: 'kim@shop.example', subject: 'We got your message' }),
      mail('m2', { state: 'failed', attempts: 8, lastError: 'connect ECONNREFUSED 127.0.0.1:25' }),
    ];
    const api = fakeApi({
      'GET /api/v1/console/mail': () => ({
        counts: { queued: mails.filter((m) => m.state === 'queued').length, sent: 1, failed: mails.filter((m) => m.state === 'failed').length },
        mails,
      }),
      'POST /api/v1/console/mail/*/retry': () => {
        mails = mails.map((m) => (m.id === 'm2' ? { ...m, state: 'queued' as const } : m));
        return { retried: true };
      },
    });
    render(<MailOutbox />);
    const rows = await screen.findAllByTestId('mail-row');
    expect(screen.getByTestId('mail-count-failed').textContent).toBe('Failed 1');
    expect(rows[0]!.textContent).toContain('Receipt');
    expect(rows[0]!.textContent).toContain('kim@shop.example');
    expect(within(rows[0]!).queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(rows[1]!.textContent).toContain('connect ECONNREFUSED 127.0.0.1:25');
    expect(rows[1]!.textContent).toContain('Failed');

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('mail-count-queued').textContent).toBe('Queued 1'));
    expect(api.sent('POST', '/api/v1/console/mail/m2/retry')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe('Queued again.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says when no mail was sent yet', async () => {
    fakeApi({ 'GET /api/v1/console/mail': { counts: { queued: 0, sent: 0, failed: 0 }, mails: [] } });
    render(<MailOutbox />);
    expect(await screen.findByText('No emails yet.')).toBeTruthy();
  });
});
