/**
 * The composer: Enter sends (trimmed, not blank, at most MAX_MESSAGE_LENGTH), Shift+Enter adds a line.
 * Tells the core the shopper is typing at most every 2 s, and stops when the text empties or is sent.
 */
import { MAX_MESSAGE_LENGTH } from '@parley/protocol/constants';
import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type Strings } from '../../strings';

const TYPING_EVERY_MS = 2000;
/** Show the remaining characters from this many on. */
const WARN_FROM = MAX_MESSAGE_LENGTH - 200;

export function Composer(props: { strings: Strings; onSend: (text: string) => void; onTyping: (typing: boolean) => void }) {
  const { strings } = props;
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const typingAt = useRef(0);
  const length = text.trim().length;
  const over = length > MAX_MESSAGE_LENGTH;
  const canSend = length > 0 && !over;

  useEffect(() => input.current?.focus(), []);

  const stopTyping = () => {
    if (typingAt.current === 0) return;
    typingAt.current = 0;
    props.onTyping(false);
  };

  const onInput = (event: Event) => {
    const value = (event.currentTarget as HTMLTextAreaElement).value;
    setText(value);
    if (value.trim() === '') return stopTyping();
    const now = Date.now();
    if (now - typingAt.current >= TYPING_EVERY_MS) {
      typingAt.current = now;
      props.onTyping(true);
    }
  };

  const send = () => {
    if (!canSend) return;
    props.onSend(text.trim());
    setText('');
    stopTyping();
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send();
  };

  const counter = over
    ? format(strings.tooLong, { n: length - MAX_MESSAGE_LENGTH })
    : length >= WARN_FROM
      ? format(strings.charsLeft, { n: MAX_MESSAGE_LENGTH - length })
      : '';

  return (
    <form
      class="cm"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="sr" for="parley-input">
        {strings.composerLabel}
      </label>
      <textarea
        id="parley-input"
        ref={input}
        rows={1}
        value={text}
        placeholder={strings.composerPlaceholder}
        aria-invalid={over}
        aria-describedby={counter ? 'parley-count' : undefined}
        onInput={onInput}
        onKeyDown={onKeyDown}
      />
      <button type="submit" class="sd" aria-label={strings.send} disabled={!canSend}>
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
        </svg>
      </button>
      {counter && (
        <p id="parley-count" class={over ? 'ct ov' : 'ct'} aria-live="polite">
          {counter}
        </p>
      )}
    </form>
  );
}
