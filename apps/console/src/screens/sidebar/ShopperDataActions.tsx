/**
 * Admin-only actions on a shopper's data: download everything stored about them (JSON), or delete them
 * with all their conversations after an in-page confirmation.
 */
import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/http';
import { errorText, STRINGS, t } from '../../strings';

export interface ShopperDataActionsProps {
  visitorId: string;
  displayName: string;
  /** Called once the shopper is gone. */
  onDeleted: () => void;
}

export function ShopperDataActions(props: ShopperDataActionsProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const path = `/api/v1/console/visitors/${encodeURIComponent(props.visitorId)}`;

  const remove = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.del(path);
      setConfirming(false);
      props.onDeleted();
    } catch (caught) {
      setError(caught instanceof ApiError ? errorText(caught.code, caught.message) : STRINGS.errorGeneric);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="shopper-data">
      <a class="button" href={`${path}/export`} download={`visitor-${props.visitorId}.json`}>
        {STRINGS.exportData}
      </a>{' '}
      {!confirming && (
        <button class="danger" onClick={() => setConfirming(true)}>
          {STRINGS.deleteShopper}
        </button>
      )}
      {confirming && (
        <div class="confirm" role="alertdialog" aria-label={STRINGS.deleteShopper}>
          <p>{t('deleteShopperConfirm', { name: props.displayName })}</p>
          <button class="primary danger-fill" disabled={busy} onClick={remove}>
            {STRINGS.deleteShopperYes}
          </button>{' '}
          <button onClick={() => setConfirming(false)}>{STRINGS.cancel}</button>
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
