/** The "Saved." / error line under a settings form: `run` an action, then show how it went. */
import { useState } from 'preact/hooks';
import { ApiError } from '../../api/http';
import { errorText, STRINGS } from '../../strings';

export function useStatus() {
  const [status, setStatus] = useState<{ ok: boolean; text: string }>();
  /** Runs `action`; shows `success` (or the text it builds from the result) or the server's error. */
  const run = async <T,>(action: () => Promise<T>, success: string | ((result: T) => string) = STRINGS.saved) => {
    try {
      const result = await action();
      setStatus({ ok: true, text: typeof success === 'function' ? success(result) : success });
      return true;
    } catch (caught) {
      setStatus({ ok: false, text: caught instanceof ApiError ? errorText(caught.code, caught.message) : STRINGS.errorGeneric });
      return false;
    }
  };
  /** Shows a problem found before anything was sent. */
  const fail = (text: string) => setStatus({ ok: false, text });
  const view = status && (
    <p class={status.ok ? 'notice' : 'error'} role={status.ok ? 'status' : 'alert'}>
      {status.text}
    </p>
  );
  return { run, fail, view };
}
