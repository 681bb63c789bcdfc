/** The panel's header: title, the assigned agent, "end chat" and close. */
import type { Ref } from 'preact';
import { initials } from './names';
import type { Strings } from '../../strings';

export const TITLE_ID = 'parley-title';

export function Header(props: {
  title: string;
  agentName: string | null;
  canEnd: boolean;
  strings: Strings;
  endRef: Ref<HTMLButtonElement>;
  onEnd: () => void;
  onClose: () => void;
}) {
  const { strings } = props;
  return (
    <header class="hd">
      {props.agentName && (
        <span class="av" aria-hidden="true">
          {initials(props.agentName)}
        </span>
      )}
      <div class="ht">
        <h2 class="tt" id={TITLE_ID}>
          {props.title}
        </h2>
        {props.agentName && <p class="ag">{props.agentName}</p>}
      </div>
      {props.canEnd && (
        <button type="button" class="hb" ref={props.endRef} onClick={props.onEnd}>
          {strings.endChat}
        </button>
      )}
      <button type="button" class="hx" aria-label={strings.close} onClick={props.onClose}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />
        </svg>
      </button>
    </header>
  );
}

/** The in-panel confirm step for ending the chat (no window.confirm). */
export function EndConfirm(props: { strings: Strings; onConfirm: () => void; onCancel: () => void; cancelRef: Ref<HTMLButtonElement> }) {
  const { strings } = props;
  return (
    <div class="cf" role="group" aria-labelledby="parley-end">
      <p id="parley-end">{strings.endConfirm}</p>
      <button type="button" class="pr" onClick={props.onConfirm}>
        {strings.endConfirmYes}
      </button>
      <button type="button" class="bt" ref={props.cancelRef} onClick={props.onCancel}>
        {strings.endConfirmNo}
      </button>
    </div>
  );
}
