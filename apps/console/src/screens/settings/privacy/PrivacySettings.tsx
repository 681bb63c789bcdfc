/** Admin: privacy and identity. How long closed conversations are kept, and identity verification. */
import { useEffect, useState } from 'preact/hooks';
import type { PrivacySettings as Privacy } from '../../../api/admin-types';
import { api } from '../../../api/http';
import { STRINGS } from '../../../strings';
import { useStatus } from '../status';
import { IdentitySettings } from './IdentitySettings';

export function PrivacySettings() {
  const [days, setDays] = useState<string>();
  const { run, view } = useStatus();
  const show = (loaded: Privacy) => setDays(loaded.retentionDays === null ? '' : String(loaded.retentionDays));
  useEffect(() => void api.get<Privacy>('/api/v1/console/privacy').then(show, () => {}), []);

  const save = (event: Event) => {
    event.preventDefault();
    const retentionDays = days?.trim() ? Number(days) : null;
    void run(async () => show(await api.put<Privacy>('/api/v1/console/privacy', { retentionDays })));
  };

  return (
    <>
      {days !== undefined && (
        <section class="card">
          <h2>{STRINGS.privacySection}</h2>
          <form onSubmit={save}>
            <label>
              {STRINGS.retentionDays}
              <input type="number" min={1} max={3650} step={1} value={days} onInput={(e) => setDays((e.currentTarget as HTMLInputElement).value)} />
            </label>
            <button class="primary">{STRINGS.save}</button>
          </form>
          {view}
        </section>
      )}
      <IdentitySettings />
    </>
  );
}
