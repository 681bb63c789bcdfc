/**
 * The reply box. Enter sends, Shift+Enter starts a new line; `/` opens the canned-response picker, whose
 * choice is inserted with its variables filled. A toggle turns the message into an internal note.
 */
import type { CannedResponse } from '@parley/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fillVariables, type VariableContext } from '../../lib/variables';
import { STRINGS } from '../../strings';
import { CannedPicker, matchCanned } from './CannedPicker';

export const COMPOSER_INPUT_ID = 'composer-input';
const TYPING_IDLE_MS = 3000;

export interface ComposerProps {
  cannedResponses: CannedResponse[];
  variables: VariableContext;
  /** When set, the composer shows this instead of a reply box (notes are still allowed unless closed). */
  replyBlocked?: string | undefined;
  closed?: boolean;
  onSend: (text: string, internal: boolean) => void;
  onTyping: (typing: boolean) => void;
}

export function Composer(props: ComposerProps) {
  const [text, setText] = useState('');
  const [internal, setInternal] = useState(false);
  const [active, setActive] = useState(0);
  const [pickerDismissed, setPickerDismissed] = useState(false);
  const typingTimer = useRef<ReturnType<typeof setTimeout>>();
  const typing = useRef(false);

  const slash = /^\/(\S*)$/.exec(text);
  const matches = slash && !pickerDismissed ? matchCanned(props.cannedResponses, slash[1] ?? '') : undefined;

  const stopTyping = () => {
    clearTimeout(typingTimer.current);
    if (typing.current) props.onTyping(false);
    typing.current = false;
  };
  useEffect(() => stopTyping, []);

  if (props.closed) return <div class="composer blocked">{STRINGS.closedComposer}</div>;
  const noteOnly = props.replyBlocked !== undefined;
  const asNote = internal || noteOnly;

  const send = () => {
    const message = text.trim();
    if (!message) return;
    props.onSend(message, asNote);
    setText('');
    stopTyping();
  };
  const pick = (response: CannedResponse) => {
    setText(fillVariables(response.body, props.variables));
    setPickerDismissed(true);
    setActive(0);
  };

  const onInput = (value: string) => {
    setText(value);
    setPickerDismissed(false);
    setActive(0);
    if (asNote) return;
    if (!typing.current && value.trim()) {
      typing.current = true;
      props.onTyping(true);
    }
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (matches) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + Math.max(matches.length, 1)) % Math.max(matches.length, 1));
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && matches[active]) {
        event.preventDefault();
        pick(matches[active]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setPickerDismissed(true);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <div class={asNote ? 'composer note' : 'composer'}>
      {noteOnly && <p class="composer-hint">{props.replyBlocked}</p>}
      {matches && <CannedPicker matches={matches} active={active} onPick={pick} />}
      <textarea
        id={COMPOSER_INPUT_ID}
        rows={3}
        value={text}
        aria-label={asNote ? STRINGS.notePlaceholder : STRINGS.composerPlaceholder}
        placeholder={asNote ? STRINGS.notePlaceholder : STRINGS.composerPlaceholder}
        onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer-actions">
        <label>
          <input type="checkbox" checked={asNote} disabled={noteOnly} onChange={(event) => setInternal((event.currentTarget as HTMLInputElement).checked)} />{' '}
          {STRINGS.noteToggle}
        </label>
        <button type="button" class="primary" onClick={send} disabled={!text.trim()}>
          {STRINGS.send}
        </button>
      </div>
    </div>
  );
}
