/** "Email me this conversation", offered once the chat is closed; then "Sent to {email}". */
import { useState } from 'preact/hooks';
import { format, type Strings } from '../../strings';
import { isEmail } from './names';

export function EmailTranscript(props: { sentTo: string | null; email: string | null; strings: Strings; onRequest: (email: string) => void }) {
  const { strings } = props;
  const [email, setEmail] = useState(props.email ?? '');
  const [invalid, setInvalid] = useState(false);
  if (props.sentTo) return <p role="status">{format(strings.transcriptSent, { email: props.sentTo })}</p>;
  return (
    <form
      class="et"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const address = email.trim();
        setInvalid(!isEmail(address));
        if (isEmail(address)) props.onRequest(address);
      }}
    >
      <label for="parley-et">{strings.transcriptAsk}</label>
      <div class="rw">
        <input id="parley-et" type="email" autocomplete="email" maxLength={254} aria-invalid={invalid} value={email} onInput={(event) => setEmail(event.currentTarget.value)} />
        <button type="submit" class="bt">
          {strings.send}
        </button>
      </div>
      {invalid && (
        <p class="fl" role="alert">
          {strings.emailInvalid}
        </p>
      )}
    </form>
  );
}
