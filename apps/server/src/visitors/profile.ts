/**
 * What the store and the browser tell us about a shopper: identity (verified by HMAC or not), custom
 * attributes, locale, time zone, browser, and the pages they viewed. Agents see it in the sidebar.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PageContext, VisitorAttributes, VisitorProfile } from '@parley/protocol';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { ParleyError } from '../errors/parley-error';
import type { Site } from '../sites/sites';
import type { Store } from '../store/database';
import { visitorPages, visitors } from '../store/schema';
import type { Visitor } from './visitors';

const PAGES_SHOWN = 20;
const PAGES_KEPT = 50;

export function visitorProfile(store: Store, visitorId: string): VisitorProfile | undefined {
  const visitor = store.db.select().from(visitors).where(eq(visitors.id, visitorId)).get();
  if (!visitor) return undefined;
  const pages = store.db
    .select()
    .from(visitorPages)
    .where(eq(visitorPages.visitorId, visitorId))
    .orderBy(desc(visitorPages.viewedAt), desc(visitorPages.id))
    .limit(PAGES_SHOWN)
    .all();
  return {
    id: visitor.id,
    name: visitor.name,
    email: visitor.email,
    externalId: visitor.externalId,
    verified: visitor.verified,
    attributes: visitor.attributes,
    userAgent: visitor.userAgent,
    locale: visitor.locale,
    timezone: visitor.timezone,
    pages: pages.map((page) => ({ url: page.url, title: page.title, viewedAt: page.viewedAt })),
    createdAt: visitor.createdAt,
    lastSeenAt: visitor.lastSeenAt,
  };
}

/** HMAC-SHA256(secret, userId) in hex, compared in constant time. No secret or no hash: false. */
export function identityVerified(secret: string | null, userId: string, userHash: string | undefined): boolean {
  if (!secret || !userHash) return false;
  const expected = createHmac('sha256', secret).update(userId).digest();
  const given = Buffer.from(userHash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface Identity {
  id?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  userHash?: string | undefined;
}

/**
 * Records who the shopper says they are. Verification needs the store's HMAC of the id; without it the
 * name and email are shown as unverified and never join this visitor to anyone else's history.
 */
export function identifyVisitor(store: Store, site: Site, visitor: Visitor, identity: Identity): void {
  const verified = identity.id !== undefined && identityVerified(site.identitySecret, identity.id, identity.userHash);
  // With verification required, any identity without a valid hash is refused whole (fail closed).
  if (site.settings.requireIdentityVerification === true && !verified) throw new ParleyError('identity_unverified');
  const changes = {
    ...(identity.name !== undefined ? { name: identity.name } : {}),
    ...(identity.email !== undefined ? { email: identity.email.toLowerCase() } : {}),
    ...(identity.id !== undefined ? { externalId: identity.id, verified } : {}),
  };
  if (Object.keys(changes).length === 0) return;
  store.db.update(visitors).set(changes).where(eq(visitors.id, visitor.id)).run();
}

/** Merges attributes; a null value removes the key. */
export function setVisitorAttributes(store: Store, visitorId: string, changes: VisitorAttributes): void {
  store.sqlite.transaction(() => {
    const current = store.db.select({ attributes: visitors.attributes }).from(visitors).where(eq(visitors.id, visitorId)).get();
    const merged: Record<string, string | number | boolean | null> = { ...(current?.attributes ?? {}) };
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    store.db.update(visitors).set({ attributes: merged }).where(eq(visitors.id, visitorId)).run();
  })();
}

export function setVisitorContext(
  store: Store,
  visitorId: string,
  context: { userAgent?: string | undefined; locale?: string | undefined; timezone?: string | undefined },
): void {
  const changes = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined));
  if (Object.keys(changes).length > 0) store.db.update(visitors).set(changes).where(eq(visitors.id, visitorId)).run();
}

/** Records a page view, keeping the newest PAGES_KEPT per visitor. Repeats of the latest page are skipped. */
export function recordPageView(store: Store, visitorId: string, page: PageContext, now = Date.now()): boolean {
  return store.sqlite.transaction(() => {
    const latest = store.db
      .select()
      .from(visitorPages)
      .where(eq(visitorPages.visitorId, visitorId))
      .orderBy(desc(visitorPages.viewedAt), desc(visitorPages.id))
      .limit(1)
      .get();
    if (latest && latest.url === page.url && latest.title === (page.title ?? null)) return false;
    store.db.insert(visitorPages).values({ visitorId, url: page.url, title: page.title ?? null, viewedAt: now }).run();
    const old = store.db
      .select({ id: visitorPages.id })
      .from(visitorPages)
      .where(eq(visitorPages.visitorId, visitorId))
      .orderBy(desc(visitorPages.viewedAt), desc(visitorPages.id))
      .limit(1000)
      .offset(PAGES_KEPT)
      .all();
    if (old.length > 0) store.db.delete(visitorPages).where(and(eq(visitorPages.visitorId, visitorId), inArray(visitorPages.id, old.map((row) => row.id)))).run();
    return true;
  })();
}

