/**
 * The warning every agent sees on every screen while offline messages cannot be emailed: SMTP is not
 * configured, or the site has no notification address. Admins get a link to the settings that fix it.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import type { MailStatus } from '../../api/admin-types';
import { STRINGS } from '../../strings';

const REFRESH_MS = 60_000;
/** Dispatched on window after the notification addresses were saved: the banner checks again at once. */
export const MAIL_SETTINGS_CHANGED = 'parley:mail-settings-changed';

export interface MailBannerProps {
  admin: boolean;
  /** Changes when the agent moves between pages: the status is fetched again (settings may have changed). */
  page: string;
}

export function MailBanner(props: MailBannerProps) {
  const [status, setStatus] = useState<MailStatus>();
  useEffect(() => {
    const load = () => api.get<MailStatus>('/api/v1/console/mail/status').then(setStatus, () => {});
    void load();
    const timer = setInterval(load, REFRESH_MS);
    window.addEventListener(MAIL_SETTINGS_CHANGED, load);
    return () => {
      clearInterval(timer);
      window.removeEventListener(MAIL_SETTINGS_CHANGED, load);
    };
  }, [props.page]);
  if (!status || (status.smtpConfigured && status.recipients > 0)) return null;
  return (
    <div class="mail-banner" role="alert">
      {!status.smtpConfigured && <p>{STRINGS.mailNotSetUp}{props.admin && <span class="hint"> {STRINGS.mailSmtpHint}</span>}</p>}
      {status.recipients === 0 && <p>{STRINGS.mailNoRecipient}</p>}
      {props.admin && (
        <a href={status.recipients === 0 ? '#/settings/fallback' : '#/settings/mail'}>{STRINGS.mailFixLink}</a>
      )}
    </div>
  );
}
