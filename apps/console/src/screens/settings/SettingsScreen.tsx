/**
 * Settings: every agent's notification preferences and password; for admins also the site (widget look,
 * allowed origins, embed snippet), canned responses, and the sections in their own tabs: FAQ, when nobody
 * can answer, the mail outbox, privacy and identity.
 */
import type { AgentView, NotificationPreferences } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import type { SettingsSection } from '../../app/route';
import { STRINGS, type StringKey } from '../../strings';
import { CannedAdmin } from './CannedAdmin';
import { FaqAdmin } from './faq/FaqAdmin';
import { FallbackSettingsForm } from './fallback/FallbackSettingsForm';
import { MailOutbox } from './mail/MailOutbox';
import { PrivacySettings } from './privacy/PrivacySettings';
import { SiteSettingsForm } from './SiteSettingsForm';
import { useStatus } from './status';

const SECTIONS: Array<{ section: SettingsSection; label: StringKey }> = [
  { section: 'general', label: 'settingsGeneral' },
  { section: 'faq', label: 'faqSection' },
  { section: 'fallback', label: 'fallbackSection' },
  { section: 'mail', label: 'mailSection' },
  { section: 'privacy', label: 'privacySection' },
];

export interface SettingsScreenProps {
  me: AgentView;
  section: SettingsSection;
  onCannedChanged: () => void;
  onPreferences: (p: NotificationPreferences) => void;
}

export function SettingsScreen(props: SettingsScreenProps) {
  const admin = props.me.role === 'admin';
  const section = admin ? props.section : 'general';
  return (
    <main class="page settings">
      <h1>{STRINGS.settingsTitle}</h1>
      {admin && (
        <nav class="settings-nav" aria-label={STRINGS.settingsTitle}>
          {SECTIONS.map((item) => (
            <a
              key={item.section}
              href={item.section === 'general' ? '#/settings' : `#/settings/${item.section}`}
              class={item.section === section ? 'tab active' : 'tab'}
              aria-current={item.section === section ? 'page' : undefined}
            >
              {STRINGS[item.label]}
            </a>
          ))}
        </nav>
      )}
      {section === 'general' && (
        <>
          <Preferences onChange={props.onPreferences} />
          <PasswordForm />
          {admin && (
            <>
              <SiteSettingsForm />
              <CannedAdmin onChanged={props.onCannedChanged} />
            </>
          )}
        </>
      )}
      {section === 'faq' && <FaqAdmin />}
      {section === 'fallback' && <FallbackSettingsForm />}
      {section === 'mail' && <MailOutbox />}
      {section === 'privacy' && <PrivacySettings />}
    </main>
  );
}

function Preferences(props: { onChange: (p: NotificationPreferences) => void }) {
  const [preferences, setPreferences] = useState<NotificationPreferences>();
  const { run, view } = useStatus();
  useEffect(() => {
    api.get<NotificationPreferences>('/api/v1/console/preferences').then(setPreferences, () => {});
  }, []);
  if (!preferences) return null;
  const toggle = (key: keyof NotificationPreferences) => {
    const next = { ...preferences, [key]: !preferences[key] };
    setPreferences(next);
    void run(async () => props.onChange(await api.put<NotificationPreferences>('/api/v1/console/preferences', next)));
  };
  const options: Array<[keyof NotificationPreferences, string]> = [
    ['desktopNotifications', STRINGS.prefDesktop],
    ['sound', STRINGS.prefSound],
    ['unreadInTitle', STRINGS.prefTitle],
  ];
  return (
    <section class="card">
      <h2>{STRINGS.notificationsSection}</h2>
      {options.map(([key, label]) => (
        <label key={key} class="check">
          <input type="checkbox" checked={preferences[key]} onChange={() => toggle(key)} /> {label}
        </label>
      ))}
      {view}
    </section>
  );
}

function PasswordForm() {
  const { run, view } = useStatus();
  return (
    <section class="card">
      <h2>{STRINGS.passwordSection}</h2>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget as HTMLFormElement;
          const data = Object.fromEntries(new FormData(form).entries());
          if (await run(() => api.post('/api/v1/console/me/password', data), STRINGS.passwordChanged)) form.reset();
        }}
      >
        <label>
          {STRINGS.currentPassword}
          <input name="currentPassword" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {STRINGS.newPassword}
          <input name="newPassword" type="password" autoComplete="new-password" minLength={8} required />
        </label>
        <button class="primary">{STRINGS.save}</button>
      </form>
      {view}
    </section>
  );
}
