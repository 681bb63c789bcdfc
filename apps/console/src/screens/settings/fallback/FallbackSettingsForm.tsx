/**
 * Admin: when nobody can answer. Who is emailed about offline messages, how long a shopper waits for an
 * agent before the FAQ bot takes over, and the business hours. The server's validation errors are shown.
 */
import type { FallbackSettings } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api/http';
import { STRINGS, t } from '../../../strings';
import { MAIL_SETTINGS_CHANGED } from '../../banner/MailBanner';
import { useStatus } from '../status';
import { BusinessHoursEditor } from './BusinessHoursEditor';

const PATH = '/api/v1/console/fallback-settings';
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The addresses in a comma, semicolon or line separated list, and the ones that are not addresses. */
export function parseEmails(text: string): { emails: string[]; invalid: string[] } {
  const items = text.split(/[\s,;]+/).map((item) => item.trim()).filter(Boolean);
  return { emails: items.filter((item) => EMAIL.test(item)), invalid: items.filter((item) => !EMAIL.test(item)) };
}

export function FallbackSettingsForm() {
  const [settings, setSettings] = useState<FallbackSettings>();
  const [emails, setEmails] = useState('');
  const [timeout, setTimeoutText] = useState('');
  const { run, fail, view } = useStatus();
  const show = (loaded: FallbackSettings) => {
    setSettings(loaded);
    setEmails(loaded.notificationEmails.join('\n'));
    setTimeoutText(String(loaded.acceptTimeoutSeconds));
  };
  useEffect(() => void api.get<FallbackSettings>(PATH).then(show, () => {}), []);
  if (!settings) return null;

  const save = (event: Event) => {
    event.preventDefault();
    const parsed = parseEmails(emails);
    if (parsed.invalid.length > 0) return fail(t('invalidEmails', { emails: parsed.invalid.join(', ') }));
    const body: FallbackSettings = { ...settings, notificationEmails: parsed.emails, acceptTimeoutSeconds: Number(timeout) };
    void run(async () => {
      show(await api.put<FallbackSettings>(PATH, body));
      window.dispatchEvent(new Event(MAIL_SETTINGS_CHANGED));
    });
  };

  return (
    <section class="card">
      <h2>{STRINGS.fallbackSection}</h2>
      <p class="hint">{STRINGS.fallbackIntro}</p>
      <form onSubmit={save} noValidate>
        <label>
          {STRINGS.notificationEmails}
          <textarea value={emails} rows={3} onInput={(e) => setEmails((e.currentTarget as HTMLTextAreaElement).value)} />
        </label>
        <label>
          {STRINGS.acceptTimeout}
          <input type="number" min={10} max={3600} step={1} value={timeout} onInput={(e) => setTimeoutText((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <BusinessHoursEditor hours={settings.businessHours} onChange={(businessHours) => setSettings({ ...settings, businessHours })} />
        {view}
        <button class="primary">{STRINGS.save}</button>
      </form>
    </section>
  );
}
