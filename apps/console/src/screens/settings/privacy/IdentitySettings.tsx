/**
 * Admin: identity verification. The site's secret (masked until revealed, copyable), "require
 * verification", rotating the secret after an in-page confirmation, and how a store computes userHash.
 */
import { useEffect, useState } from 'preact/hooks';
import type { IdentitySettings as Identity } from '../../../api/admin-types';
import { api } from '../../../api/http';
import { STRINGS } from '../../../strings';
import { useStatus } from '../status';

const PATH = '/api/v1/console/identity';

/** What the store's server runs for a signed-in customer; the secret stays on that server. */
export const USER_HASH_SAMPLE = `import { createHmac } from 'node:crypto';

// PARLEY_IDENTITY_SECRET: the secret above, kept in your server's environment.
const userHash = createHmac('sha256', process.env.PARLEY_IDENTITY_SECRET)
  .update(String(customer.id))
  .digest('hex');

// In the page you render for that customer:
// Parley('identify', { id: customer.id, email: customer.email, name: customer.name, userHash });`;

export function IdentitySettings() {
  const [identity, setIdentity] = useState<Identity>();
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState(false);
  const { run, view } = useStatus();
  useEffect(() => void api.get<Identity>(PATH).then(setIdentity, () => {}), []);
  if (!identity) return null;

  const setRequired = (required: boolean) => void run(async () => setIdentity(await api.put<Identity>(PATH, { required })));
  const rotate = async () => {
    setConfirming(false);
    await run(async () => setIdentity(await api.post<Identity>(`${PATH}/rotate`)), STRINGS.rotated);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(identity.secret);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setRevealed(true); // the agent can select it by hand
    }
  };

  return (
    <section class="card">
      <h2>{STRINGS.identitySection}</h2>
      <p class="hint">{STRINGS.identityIntro}</p>
      <div class="secret-row">
        <span class="secret-label">{STRINGS.identitySecret}</span>{' '}
        <code class="secret" data-testid="identity-secret">
          {revealed ? identity.secret : '•'.repeat(Math.min(identity.secret.length, 24))}
        </code>{' '}
        <button onClick={() => setRevealed(!revealed)}>{revealed ? STRINGS.hide : STRINGS.reveal}</button>{' '}
        <button onClick={copy}>{copied ? STRINGS.copied : STRINGS.copy}</button>
      </div>
      <label class="check">
        <input type="checkbox" checked={identity.required} onChange={(e) => setRequired((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {STRINGS.requireVerification}
      </label>
      {confirming ? (
        <div class="confirm" role="alertdialog" aria-label={STRINGS.rotateSecret}>
          <p>{STRINGS.rotateConfirm}</p>
          <button class="primary" onClick={rotate}>
            {STRINGS.rotateYes}
          </button>{' '}
          <button onClick={() => setConfirming(false)}>{STRINGS.cancel}</button>
        </div>
      ) : (
        <button class="danger" onClick={() => setConfirming(true)}>
          {STRINGS.rotateSecret}
        </button>
      )}
      {view}
      <h3>{STRINGS.identitySample}</h3>
      <pre class="snippet-code" data-testid="user-hash-sample">
        {USER_HASH_SAMPLE}
      </pre>
    </section>
  );
}
