/**
 * Shown once the chat is closed: a 1–5 rating with an optional comment, then thanks, anything the panel
 * adds (`children`: the transcript email) and "start new".
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { format, type Strings } from '../../strings';

const SCORES = [1, 2, 3, 4, 5] as const;

export function Rating(props: {
  rated: boolean;
  strings: Strings;
  onRate: (score: number, comment?: string) => void;
  onStartNew: () => void;
  children?: ComponentChildren;
}) {
  const { strings } = props;
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const block = useRef<HTMLDivElement>(null);
  const done = props.rated || sent;

  // The composer this replaces may have had focus: keep keyboard users inside the panel.
  useEffect(() => {
    const element = block.current;
    const root = element?.getRootNode() as Document | ShadowRoot | undefined;
    const panel = element?.closest('[role="dialog"]');
    if (element && !panel?.contains(root?.activeElement ?? null)) element.querySelector('button')?.focus();
  }, [done]);

  const submit = (event: Event) => {
    event.preventDefault();
    if (!score) return;
    const trimmed = comment.trim();
    if (trimmed) props.onRate(score, trimmed);
    else props.onRate(score);
    setSent(true);
  };

  return (
    <div class="ra" ref={block}>
      <p>{strings.ended}</p>
      {done ? (
        <p class="th" role="status">
          {strings.thanks}
        </p>
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend>{strings.rateTitle}</legend>
            {SCORES.map((value) => (
              <button
                key={value}
                type="button"
                class={value <= score ? 'sa on' : 'sa'}
                aria-label={format(strings.rateScore, { n: value })}
                aria-pressed={value === score}
                onClick={() => setScore(value)}
              >
                <span aria-hidden="true">★</span>
              </button>
            ))}
          </fieldset>
          <label>
            {strings.rateComment}
            <textarea rows={2} maxLength={1000} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          </label>
          <button type="submit" class="pr" disabled={!score}>
            {strings.rateSubmit}
          </button>
        </form>
      )}
      {props.children}
      <button type="button" class={done ? 'pr' : 'bt'} onClick={props.onStartNew}>
        {strings.startNew}
      </button>
    </div>
  );
}
