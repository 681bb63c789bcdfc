/** Visitors: shoppers, known by a random token issued once and stored hashed. */
import { eq } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import { hashToken, newToken } from '../auth/secrets';
import type { Store } from '../store/database';
import { visitors } from '../store/schema';
import type { Site } from '../sites/sites';

export type Visitor = typeof visitors.$inferSelect;

/** Issues a new visitor and its token. The token is returned here and never again. */
export function createVisitor(store: Store, site: Site, now = Date.now()): { visitor: Visitor; token: string } {
  const token = newToken();
  const visitor: Visitor = {
    id: nanoid(),
    siteId: site.id,
    tokenHash: hashToken(token),
    name: null,
    email: null,
    externalId: null,
    verified: false,
    attributes: {},
    userAgent: null,
    locale: null,
    timezone: null,
    createdAt: now,
    lastSeenAt: now,
  };
  store.db.insert(visitors).values(visitor).run();
  return { visitor, token };
}

/** The visitor a token belongs to, or undefined. */
export function findVisitorByToken(store: Store, token: string): Visitor | undefined {
  return store.db.select().from(visitors).where(eq(visitors.tokenHash, hashToken(token))).get();
}

export function getVisitor(store: Store, visitorId: string): Visitor | undefined {
  return store.db.select().from(visitors).where(eq(visitors.id, visitorId)).get();
}

export function touchVisitor(store: Store, visitorId: string, now = Date.now()): void {
  store.db.update(visitors).set({ lastSeenAt: now }).where(eq(visitors.id, visitorId)).run();
}
