/**
 * The offline form (in place of the composer): name, email and message, sent through `submitOffline`.
 * It keeps its values while sending and after an error, carries an empty honeypot (`website`) people never
 * see, and reports how long it was open (`elapsedMs`, counted from `shownAt`).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OfflineForm as OfflineFormValues, OfflineState } from '../state/types';
import type { Strings } from '../../strings';
import { isEmail } from './names';

type Field = Exclude<keyof OfflineFormValues, 'elapsedMs'>;

export function OfflineForm(props: {
  offline: OfflineState;
  /** Prefills the message: the shopper's last message, if any. */
  message: string;
  /** Epoch ms when the form was first shown. */
  shownAt: number;
  strings: Strings;
  onSubmit: (form: OfflineFormValues) => void;
  onCancel: () => void;
}) {
  const { strings } = props;
  const [values, setValues] = useState<Record<Field, string>>({ name: '', email: '', message: props.message, website: '' });
  const [problem, setProblem] = useState('');
  const first = useRef<HTMLInputElement>(null);
  const sending = props.offline.status === 'sending';

  useEffect(() => first.current?.focus(), []);

  const bind = (field: Field) => ({
    name: field,
    value: values[field],
    onInput: (event: Event) => {
      const value = (event.currentTarget as HTMLInputElement).value;
      setValues((current) => ({ ...current, [field]: value }));
    },
  });

  const submit = (event?: Event) => {
    event?.preventDefault();
    if (sending) return;
    const name = values.name.trim();
    const email = values.email.trim();
    const message = values.message.trim();
    const found = !name || !message ? strings.formMissing : isEmail(email) ? '' : strings.emailInvalid;
    setProblem(found);
    if (!found) props.onSubmit({ name, email, message, website: values.website, elapsedMs: Date.now() - props.shownAt });
  };

  return (
    <form class="of" noValidate aria-labelledby="parley-of" onSubmit={submit}>
      <h3 id="parley-of">{strings.leaveMessage}</h3>
      <label>
        {strings.formName}
        <input ref={first} autocomplete="name" required maxLength={120} {...bind('name')} />
      </label>
      <label>
        {strings.formEmail}
        <input type="email" autocomplete="email" required maxLength={254} aria-invalid={problem === strings.emailInvalid} {...bind('email')} />
      </label>
      <label>
        {strings.formMessage}
        <textarea rows={3} required maxLength={4000} {...bind('message')} />
      </label>
      <input class="sr" tabIndex={-1} autocomplete="off" aria-hidden="true" {...bind('website')} />
      {problem && (
        <p class="fl" role="alert">
          {problem}
        </p>
      )}
      {props.offline.status === 'error' && (
        <p class="fl" role="alert">
          {strings.formError}{' '}
          <button type="button" class="rt" onClick={() => submit()}>
            {strings.retry}
          </button>
        </p>
      )}
      <div class="rw">
        <button type="button" class="bt" onClick={props.onCancel}>
          {strings.endConfirmNo}
        </button>
        <button type="submit" class="pr" disabled={sending}>
          {strings.formSend}
        </button>
      </div>
    </form>
  );
}
