import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, type FakeCall } from '../../../test-support/fake-api';
import { PrivacySettings } from './PrivacySettings';

describe('privacy and identity settings', () => {
  let api: ReturnType<typeof fakeApi>;
  let identity: { secret: string; required: boolean };
  beforeEach(() => {
    identity = { secret: 'sec_old_1234567890', required: false };
    api = fakeApi({
      'GET /api/v1/console/privacy': { retentionDays: null },
      'PUT /api/v1/console/privacy': (call: FakeCall) => call.body,
      'GET /api/v1/console/identity': () => identity,
      'PUT /api/v1/console/identity': (call: FakeCall) => (identity = { ...identity, ...(call.body as object) }),
      'POST /api/v1/console/identity/rotate': () => (identity = { ...identity, secret: 'sec_new_abcdefghij' }),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('masks the secret until Reveal, and copies it', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    render(<PrivacySettings />);
    const secret = await screen.findByTestId('identity-secret');
    expect(secret.textContent).not.toContain('sec_old');
    expect(secret.textContent).toMatch(/^•+$/);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(screen.getByTestId('identity-secret').textContent).toBe('sec_old_1234567890');
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.getByTestId('identity-secret').textContent).not.toContain('sec_old');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('sec_old_1234567890'));
    expect(screen.getByTestId('user-hash-sample').textContent).toContain("createHmac('sha256'");
  });

  it('rotates the secret only after the in-page confirmation', async () => {
    render(<PrivacySettings />);
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    expect(screen.getByRole('alertdialog').textContent).toContain('invalidates every userHash');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.sent('POST', '/api/v1/console/identity/rotate')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Rotate secret' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, rotate' }));
    expect((await screen.findByRole('status')).textContent).toBe('New secret created.');
    expect(api.sent('POST', '/api/v1/console/identity/rotate')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    expect(screen.getByTestId('identity-secret').textContent).toBe('sec_new_abcdefghij');
  });

  it('turns on required verification, and saves retention (empty keeps forever)', async () => {
    render(<PrivacySettings />);
    fireEvent.click(await screen.findByLabelText(/Require verification/));
    await waitFor(() => expect(api.sent('PUT', '/api/v1/console/identity')[0]?.body).toEqual({ required: true }));
    await waitFor(() => expect((screen.getByLabelText(/Require verification/) as HTMLInputElement).checked).toBe(true));

    const retention = screen.getByLabelText(/Delete closed conversations after/) as HTMLInputElement;
    expect(retention.value).toBe('');
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    await waitFor(() => expect(api.sent('PUT', '/api/v1/console/privacy')[0]?.body).toEqual({ retentionDays: null }));
    fireEvent.input(retention, { target: { value: '30' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]!);
    await waitFor(() => expect(api.sent('PUT', '/api/v1/console/privacy')[1]?.body).toEqual({ retentionDays: 30 }));
  });
});
