/** Visitors: shoppers, known by a random token issued once and stored hashed. */
import { eq, sql } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import { hashToken, newToken } from '../auth/secrets';
import type { Store } from '../store/database';
import { preparedOnce } from '../store/prepared';
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
// Per socket authentication (a reconnect storm after a deploy runs these thousands of times): prepared once.
const byToken = preparedOnce((store) => store.db.select().from(visitors).where(eq(visitors.tokenHash, sql.placeholder('hash'))).prepare());
const byId = preparedOnce((store) => store.db.select().from(visitors).where(eq(visitors.id, sql.placeholder('id'))).prepare());
const seen = preparedOnce((store) =>
  store.db.update(visitors).set({ lastSeenAt: sql`${sql.placeholder('now')}` }).where(eq(visitors.id, sql.placeholder('id'))).prepare(),
);

export function findVisitorByToken(store: Store, token: string): Visitor | undefined {
  return byToken(store).get({ hash: hashToken(token) });
}

export function getVisitor(store: Store, visitorId: string): Visitor | undefined {
  return byId(store).get({ id: visitorId });
}

export function touchVisitor(store: Store, visitorId: string, now = Date.now()): void {
  seen(store).run({ id: visitorId, now });
}
