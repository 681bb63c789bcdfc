/** The `/` picker: canned responses whose shortcut or title matches what follows the slash. */
import type { CannedResponse } from '@parley/protocol';
import { STRINGS } from '../../strings';

/** Responses matching `query` (shortcut prefix first, then title or shortcut containing it). */
export function matchCanned(responses: CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const starts = responses.filter((r) => r.shortcut.startsWith(q));
  const contains = responses.filter((r) => !r.shortcut.startsWith(q) && (r.shortcut.includes(q) || r.title.toLowerCase().includes(q)));
  return [...starts, ...contains].slice(0, 8);
}

export function CannedPicker(props: { matches: CannedResponse[]; active: number; onPick: (response: CannedResponse) => void }) {
  return (
    <div class="canned-picker" role="listbox" aria-label={STRINGS.cannedTitle}>
      {props.matches.length === 0 ? (
        <p class="empty">{STRINGS.cannedEmpty}</p>
      ) : (
        props.matches.map((response, index) => (
          <div
            key={response.id}
            role="option"
            aria-selected={index === props.active}
            class={index === props.active ? 'canned-option active' : 'canned-option'}
            onMouseDown={(event) => {
              event.preventDefault();
              props.onPick(response);
            }}
          >
            <strong>/{response.shortcut}</strong> <span>{response.title}</span>
            <div class="canned-preview">{response.body}</div>
          </div>
        ))
      )}
    </div>
  );
}
