/**
 * What a shopper sees before the chat starts, under the greeting: when the store will answer (live, closed
 * until a given time, or nobody online — then a way to the offline form) and a small FAQ search.
 */
import { useState } from 'preact/hooks';
import type { AvailabilityState, FaqResult } from '../state/types';
import { format, type Strings } from '../../strings';
import { linkify } from './linkify';
import { timeFormat } from './names';

/** Answers in "a few minutes" until the typical wait reaches this. */
const MINUTES_FROM_SECONDS = 120;

export function Availability(props: { availability: AvailabilityState | null; strings: Strings; locale: string; onLeaveMessage: () => void }) {
  const { availability: now, strings } = props;
  if (!now) return null;
  const wait = now.typicalWaitSeconds;
  const text = now.live
    ? wait !== null && wait >= MINUTES_FROM_SECONDS
      ? format(strings.replyIn, { n: Math.round(wait / 60) })
      : strings.replySoon
    : now.open
      ? strings.nobodyOnline
      : `${now.nextOpenAt === null ? strings.closedNow : format(strings.closedUntil, { when: timeFormat(props.locale, true).format(now.nextOpenAt) })} ${strings.leaveHint}`;
  return (
    <div class="au">
      <p>{text}</p>
      {!now.live && (
        <button type="button" class="rt" onClick={props.onLeaveMessage}>
          {strings.leaveMessage}
        </button>
      )}
    </div>
  );
}

/** Self-service search: results are question/answer pairs the shopper expands; answers render as text. */
export function FaqSearch(props: { results: FaqResult[] | null; strings: Strings; onSearch: (query: string) => void }) {
  const { results, strings } = props;
  const [query, setQuery] = useState('');
  return (
    <div class="fq">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim()) props.onSearch(query.trim());
        }}
      >
        <label for="parley-faq">{strings.faqLabel}</label>
        <div class="rw">
          <input id="parley-faq" type="search" maxLength={500} value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
          <button type="submit" class="bt">
            {strings.faqSearch}
          </button>
        </div>
      </form>
      {results &&
        (results.length ? (
          <ul>
            {results.map((result) => (
              <li key={result.id}>
                <details>
                  <summary>{result.question}</summary>
                  <p>{linkify(result.answer)}</p>
                </details>
              </li>
            ))}
          </ul>
        ) : (
          <p role="status">{strings.faqNone}</p>
        ))}
    </div>
  );
}
