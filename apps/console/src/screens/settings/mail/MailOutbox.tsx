/**
 * Admin: the mail outbox. How many emails are queued, sent and failed, and the recent ones (kind,
 * recipient, subject, state, attempts, last error, time) with Retry on failed ones. Bodies are never shown.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MailCounts, MailKind, OutboxMail } from '../../../api/admin-types';
import { api } from '../../../api/http';
import { STRINGS } from '../../../strings';
import { useStatus } from '../status';

const KIND_LABELS: Record<MailKind, string> = {
  receipt: STRINGS.mailKindReceipt,
  notification: STRINGS.mailKindNotification,
  reply: STRINGS.mailKindReply,
  transcript: STRINGS.mailKindTranscript,
};
const STATE_LABELS = { queued: STRINGS.mailQueued, sent: STRINGS.mailSent, failed: STRINGS.mailFailed } as const;

export function MailOutbox() {
  const [outbox, setOutbox] = useState<{ counts: MailCounts; mails: OutboxMail[] }>();
  const { run, view } = useStatus();
  const load = () => api.get<{ counts: MailCounts; mails: OutboxMail[] }>('/api/v1/console/mail').then(setOutbox);
  useEffect(() => void load().catch(() => {}), []);
  if (!outbox) return null;

  const retry = async (mail: OutboxMail) => {
    if (await run(() => api.post(`/api/v1/console/mail/${encodeURIComponent(mail.id)}/retry`), STRINGS.mailRetried)) await load().catch(() => {});
  };

  return (
    <section class="card">
      <h2>{STRINGS.mailSection}</h2>
      <p class="mail-counts">
        {(['queued', 'sent', 'failed'] as const).map((state) => (
          <span key={state} class={`mail-count mail-${state}`} data-testid={`mail-count-${state}`}>
            {STATE_LABELS[state]} <strong>{outbox.counts[state] ?? 0}</strong>
          </span>
        ))}
        <button onClick={() => void load().catch(() => {})}>{STRINGS.mailRefresh}</button>
      </p>
      {view}
      {outbox.mails.length === 0 ? (
        <p class="empty">{STRINGS.mailNone}</p>
      ) : (
        <table class="mail-table">
          <thead>
            <tr>
              <th>{STRINGS.mailKind}</th>
              <th>{STRINGS.mailTo}</th>
              <th>{STRINGS.mailSubject}</th>
              <th>{STRINGS.mailState}</th>
              <th>{STRINGS.mailAttempts}</th>
              <th>{STRINGS.mailLastError}</th>
              <th>{STRINGS.mailTime}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {outbox.mails.map((mail) => (
              <tr key={mail.id} class={`mail-${mail.state}`} data-testid="mail-row">
                <td>{KIND_LABELS[mail.kind] ?? mail.kind}</td>
                <td>{mail.to}</td>
                <td>{mail.subject}</td>
                <td>{STATE_LABELS[mail.state] ?? mail.state}</td>
                <td>{mail.attempts}</td>
                <td class="mail-error">{mail.lastError ?? ''}</td>
                <td>{new Date(mail.sentAt ?? mail.createdAt).toLocaleString()}</td>
                <td>{mail.state === 'failed' && <button onClick={() => retry(mail)}>{STRINGS.mailRetry}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
