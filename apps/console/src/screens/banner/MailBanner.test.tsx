import { render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test-support/fake-api';
import { MAIL_SETTINGS_CHANGED, MailBanner } from './MailBanner';

const status = (patch: object) => ({ smtpConfigured: true, recipients: 1, queued: 0, sent: 0, failed: 0, ...patch });

describe('email banner', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('warns every agent that email is not set up, without a settings link for agents', async () => {
    fakeApi({ 'GET /api/v1/console/mail/status': status({ smtpConfigured: false }) });
    render(<MailBanner admin={false} page="inbox" />);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Email is not set up: offline messages reach the inbox only');
    expect(banner.querySelector('a')).toBeNull();
  });

  it('tells admins there is no notification address and links to the settings', async () => {
    fakeApi({ 'GET /api/v1/console/mail/status': status({ recipients: 0 }) });
    render(<MailBanner admin page="inbox" />);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('No notification address');
    expect(banner.textContent).not.toContain('Email is not set up');
    expect(screen.getByRole('link', { name: 'Set up in settings' }).getAttribute('href')).toBe('#/settings/fallback');
  });

  it('goes away as soon as a notification address is saved', async () => {
    let recipients = 0;
    fakeApi({ 'GET /api/v1/console/mail/status': () => status({ recipients }) });
    render(<MailBanner admin page="settings" />);
    await screen.findByRole('alert');
    recipients = 1;
    window.dispatchEvent(new Event(MAIL_SETTINGS_CHANGED));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull(), { timeout: 5000 });
  });

  it('stays hidden when mail can go out', async () => {
    const api = fakeApi({ 'GET /api/v1/console/mail/status': status({}) });
    render(<MailBanner admin page="inbox" />);
    await waitFor(() => expect(api.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
