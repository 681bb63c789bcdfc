/** Sites: the stores' storefronts the widget runs on. The first start creates one default site. */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SITE_SETTINGS, siteSettings, type SiteSettings } from '@parley/protocol';
import { eq, sql } from 'drizzle-orm';
import { customAlphabet, nanoid } from 'nanoid';
import type { Store } from '../store/database';
import { preparedOnce } from '../store/prepared';
import { sites } from '../store/schema';

export type Site = typeof sites.$inferSelect;

const siteKeyAlphabet = customAlphabet('abcdefghijkmnopqrstuvwxyz23456789', 20);

/** The first site, created on first start. */
export function ensureDefaultSite(store: Store, now = Date.now()): { site: Site; created: boolean } {
  const existing = store.db.select().from(sites).orderBy(sites.createdAt).limit(1).get();
  if (existing) {
    if (existing.identitySecret) return { site: existing, created: false };
    const identitySecret = newIdentitySecret();
    store.db.update(sites).set({ identitySecret }).where(eq(sites.id, existing.id)).run();
    return { site: { ...existing, identitySecret }, created: false };
  }
  const site: Site = {
    id: nanoid(),
    key: `site_${siteKeyAlphabet()}`,
    name: 'My store',
    allowedOrigins: [],
    settings: {},
    identitySecret: newIdentitySecret(),
    createdAt: now,
  };
  store.db.insert(sites).values(site).run();
  return { site, created: true };
}

const siteById = preparedOnce((store) => store.db.select().from(sites).where(eq(sites.id, sql.placeholder('id'))).prepare());
const siteByKey = preparedOnce((store) => store.db.select().from(sites).where(eq(sites.key, sql.placeholder('key'))).prepare());

/** Read for every new conversation and fallback decision, so prepared once. */
export function getSite(store: Store, siteId: string): Site | undefined {
  return siteById(store).get({ id: siteId });
}

/** Read for every widget request and visitor socket, so prepared once. */
export function findSiteByKey(store: Store, key: string): Site | undefined {
  return siteByKey(store).get({ key });
}

export function renameSite(store: Store, siteId: string, name: string): void {
  store.db.update(sites).set({ name }).where(eq(sites.id, siteId)).run();
}

/** True when a browser page at `origin` may use this site's widget. Empty list: any origin. */
export function originAllowed(site: Site, origin: string | undefined): boolean {
  if (site.allowedOrigins.length === 0) return true;
  return origin !== undefined && site.allowedOrigins.includes(origin);
}

export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}

/** The widget's look for a site: stored settings over the defaults; invalid stored values fall back. */
export function settingsOf(site: Site): SiteSettings {
  const merged = { ...DEFAULT_SITE_SETTINGS, ...site.settings, name: site.name };
  const parsed = siteSettings.safeParse(merged);
  return parsed.success ? parsed.data : { ...DEFAULT_SITE_SETTINGS, name: site.name };
}
