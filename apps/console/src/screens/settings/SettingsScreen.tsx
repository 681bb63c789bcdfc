/**
 * Settings: every agent's notification preferences and password; for admins also the site (widget look,
 * allowed origins, embed snippet) and canned responses.
 */
import type { AgentView, NotificationPreferences } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/http';
import { errorText, STRINGS } from '../../strings';
import { CannedAdmin } from './CannedAdmin';
import { SiteSettingsForm } from './SiteSettingsForm';

export function useStatus() {
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  const run = async (action: () => Promise<unknown>, success: string = STRINGS.saved) => {
    try {
      await action();
      setStatus({ ok: true, text: success });
      return true;
    } catch (caught) {
      setStatus({ ok: false, text: caught instanceof ApiError ? errorText(caught.code, caught.message) : STRINGS.errorGeneric });
      return false;
    }
  };
  const view = status && (
    <p class={status.ok ? 'notice' : 'error'} role={status.ok ? 'status' : 'alert'}>
      {status.text}
    </p>
  );
  return { run, view };
}

export function SettingsScreen(props: { me: AgentView; onCannedChanged: () => void; onPreferences: (p: NotificationPreferences) => void }) {
  return (
    <main class="page settings">
      <h1>{STRINGS.settingsTitle}</h1>
      <Preferences onChange={props.onPreferences} />
      <PasswordForm />
      {props.me.role === 'admin' && (
        <>
          <SiteSettingsForm />
          <CannedAdmin onChanged={props.onCannedChanged} />
        </>
      )}
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
