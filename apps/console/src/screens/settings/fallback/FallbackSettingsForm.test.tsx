import type { FallbackSettings } from '@parley/protocol';
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failure, fakeApi, type FakeCall } from '../../../test-support/fake-api';
import { FallbackSettingsForm, parseEmails } from './FallbackSettingsForm';

const week = { sun: [], mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [] };
const loaded: FallbackSettings = {
  notificationEmails: ['owner@boots.example'],
  acceptTimeoutSeconds: 90,
  businessHours: { enabled: true, timezone: 'Europe/Berlin', weekly: week, holidays: ['2026-12-25'] },
};

describe('when nobody can answer: settings', () => {
  let api: ReturnType<typeof fakeApi>;
  let answer: (call: FakeCall) => unknown;
  beforeEach(() => {
    answer = (call) => call.body;
    api = fakeApi({ 'GET /api/v1/console/fallback-settings': loaded, 'PUT /api/v1/console/fallback-settings': (call: FakeCall) => answer(call) });
  });
  afterEach(() => vi.unstubAllGlobals());
  const saved = () => api.sent('PUT', '/api/v1/console/fallback-settings').map((call) => call.body as FallbackSettings);

  it('splits notification emails on commas and lines, and names the ones that are not addresses', () => {
    expect(parseEmails('a@x.example, b@y.example\n\nc@z.example')).toEqual({ emails: ['a@x.example', 'b@y.example', 'c@z.example'], invalid: [] });
    expect(parseEmails('a@x.example; nope').invalid).toEqual(['nope']);
  });

  it('refuses an invalid email before sending, and saves a valid list with the timeout and the hours', async () => {
    render(<FallbackSettingsForm />);
    const emails = await screen.findByLabelText(/Notification emails/);
    expect((emails as HTMLTextAreaElement).value).toBe('owner@boots.example');
    fireEvent.input(emails, { target: { value: 'owner@boots.example, not-an-address' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not an email address: not-an-address');
    expect(saved()).toHaveLength(0);

    fireEvent.input(emails, { target: { value: 'owner@boots.example,\nhelp@boots.example' } });
    fireEvent.input(screen.getByLabelText(/Seconds a shopper waits/), { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add hours: Tuesday' }));
    fireEvent.input(screen.getByLabelText('Tuesday to'), { target: { value: '02:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove holiday 2026-12-25' }));
    fireEvent.input(screen.getByLabelText('Add holiday'), { target: { value: '2027-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add holiday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved.');
    expect(saved()[0]).toEqual({
      notificationEmails: ['owner@boots.example', 'help@boots.example'],
      acceptTimeoutSeconds: 120,
      businessHours: { enabled: true, timezone: 'Europe/Berlin', weekly: { ...week, tue: [{ from: '09:00', to: '02:00' }] }, holidays: ['2027-01-01'] },
    });
  });

  it('shows the server’s validation error, e.g. for an unknown time zone', async () => {
    answer = () => failure(400, 'invalid_body', 'timezone: Unknown time zone.');
    render(<FallbackSettingsForm />);
    const zone = await screen.findByLabelText('Time zone');
    fireEvent.input(zone, { target: { value: 'Mars/Olympus' } });
    expect(screen.getByTestId('zone-warning').textContent).toBe('Unknown time zone: Mars/Olympus');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('timezone: Unknown time zone.');
    expect(saved()[0]!.businessHours.timezone).toBe('Mars/Olympus');
  });

  it('removes a day’s interval, leaving the day closed', async () => {
    render(<FallbackSettingsForm />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove Monday 09:00–17:00' }));
    expect(screen.getAllByText('Closed')).toHaveLength(7);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    expect(saved()[0]!.businessHours.weekly.mon).toEqual([]);
  });
});
