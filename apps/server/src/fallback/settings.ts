/** A site's settings for when nobody can answer, stored in `sites.settings.fallback`, with defaults. */
import { fallbackSettings, type FallbackSettings } from '@parley/protocol';
import { eq } from 'drizzle-orm';
import { ALWAYS_OPEN } from '../hours/business-hours';
import type { Site } from '../sites/sites';
import type { Store } from '../store/database';
import { sites } from '../store/schema';

export const DEFAULT_FALLBACK: FallbackSettings = { notificationEmails: [], acceptTimeoutSeconds: 90, businessHours: ALWAYS_OPEN };

export function fallbackSettingsOf(site: Site): FallbackSettings {
  const parsed = fallbackSettings.safeParse({ ...DEFAULT_FALLBACK, ...(site.settings.fallback as object | undefined) });
  return parsed.success ? parsed.data : DEFAULT_FALLBACK;
}

export function saveFallbackSettings(store: Store, site: Site, settings: FallbackSettings): void {
  store.db.update(sites).set({ settings: { ...site.settings, fallback: settings } }).where(eq(sites.id, site.id)).run();
}
