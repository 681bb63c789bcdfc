/** Keyboard shortcuts: the list shown on `?`, and the hook that binds them outside text fields. */
import { useEffect } from 'preact/hooks';
import { STRINGS, type StringKey } from '../../strings';

export const SHORTCUTS: Array<{ keys: string; label: StringKey }> = [
  { keys: 'j', label: 'keyNext' },
  { keys: 'k', label: 'keyPrev' },
  { keys: 'Enter', label: 'keyOpen' },
  { keys: 'r', label: 'keyReply' },
  { keys: 'a', label: 'keyAccept' },
  { keys: 'e', label: 'keyClose' },
  { keys: '1 2 3 4 5', label: 'keyViews' },
  { keys: 's', label: 'keySearch' },
  { keys: '?', label: 'keyHelp' },
  { keys: 'Esc', label: 'keyEscape' },
];

export function ShortcutsHelp(props: { onClose: () => void }) {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-label={STRINGS.shortcutsTitle} onClick={props.onClose}>
      <div class="card" onClick={(event) => event.stopPropagation()}>
        <h2>{STRINGS.shortcutsTitle}</h2>
        <dl class="shortcuts">
          {SHORTCUTS.map((shortcut) => (
            <>
              <dt key={`k-${shortcut.keys}`}>
                <kbd>{shortcut.keys}</kbd>
              </dt>
              <dd key={`d-${shortcut.keys}`}>{STRINGS[shortcut.label]}</dd>
            </>
          ))}
        </dl>
        <button onClick={props.onClose}>{STRINGS.close}</button>
      </div>
    </div>
  );
}

/** Calls `handlers[key]` for keys pressed outside inputs; Escape also leaves an input. */
export function useShortcuts(handlers: Record<string, () => void>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      const editing = target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      if (editing) {
        if (event.key === 'Escape') target.blur();
        return;
      }
      if (event.key === 'Enter' && target && ['BUTTON', 'A'].includes(target.tagName)) return;
      const handler = handlers[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
}
