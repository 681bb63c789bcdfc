/** Admin: the site's name and widget look, allowed origins, and the embed snippet ready to copy. */
import type { AdminSiteSettings } from '@parley/protocol';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import { STRINGS } from '../../strings';
import { useStatus } from './status';

/** The one tag a store pastes into its pages. */
export function embedSnippet(publicUrl: string, siteKey: string): string {
  return `<script async src="${publicUrl}/widget.js" data-site="${siteKey}"></script>`;
}

export function SiteSettingsForm() {
  const [site, setSite] = useState<AdminSiteSettings>();
  const [origins, setOrigins] = useState('');
  const [copied, setCopied] = useState(false);
  const { run, view } = useStatus();
  useEffect(() => {
    api.get<AdminSiteSettings>('/api/v1/console/settings').then((loaded) => {
      setSite(loaded);
      setOrigins(loaded.allowedOrigins.join('\n'));
    }, () => {});
  }, []);
  if (!site) return null;
  const settings = site.settings;
  const set = (patch: Partial<AdminSiteSettings['settings']>) => setSite({ ...site, settings: { ...settings, ...patch } });
  const value = (event: Event) => (event.currentTarget as HTMLInputElement).value;
  const snippet = embedSnippet(site.publicUrl, site.siteKey);

  const save = (event: Event) => {
    event.preventDefault();
    const allowedOrigins = origins.split(/\s+/).filter(Boolean);
    void run(async () => {
      const saved = await api.put<AdminSiteSettings>('/api/v1/console/settings', { settings, allowedOrigins });
      setSite(saved);
      setOrigins(saved.allowedOrigins.join('\n'));
    });
  };

  return (
    <section class="card">
      <h2>{STRINGS.siteSection}</h2>
      <form onSubmit={save}>
        <label>
          {STRINGS.siteName}
          <input value={settings.name} required maxLength={120} onInput={(e) => set({ name: value(e) })} />
        </label>
        <label>
          {STRINGS.brandColor}
          <input type="color" value={settings.brandColor} onInput={(e) => set({ brandColor: value(e) })} />
        </label>
        <label>
          {STRINGS.panelTitle}
          <input value={settings.title} maxLength={120} onInput={(e) => set({ title: value(e) })} />
        </label>
        <label>
          {STRINGS.greeting}
          <textarea value={settings.greeting} maxLength={500} onInput={(e) => set({ greeting: value(e) })} />
        </label>
        <label>
          {STRINGS.position}
          <select value={settings.position} onChange={(e) => set({ position: value(e) as 'left' | 'right' })}>
            <option value="right">{STRINGS.positionRight}</option>
            <option value="left">{STRINGS.positionLeft}</option>
          </select>
        </label>
        <label>
          {STRINGS.allowedOrigins}
          <textarea value={origins} rows={3} placeholder={STRINGS.originsPlaceholder} onInput={(e) => setOrigins(value(e))} />
        </label>
        <button class="primary">{STRINGS.save}</button>
      </form>
      {view}
      <h3>{STRINGS.embedSnippet}</h3>
      <pre class="snippet-code" data-testid="embed-snippet">
        {snippet}
      </pre>
      <button
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(snippet);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          } catch {
            /* the snippet stays selectable */
          }
        }}
      >
        {copied ? STRINGS.copied : STRINGS.copy}
      </button>
    </section>
  );
}
