/**
 * Shoppers' data: everything stored about one visitor as JSON (for an access request), deleting a visitor
 * with all their conversations (for an erasure request), and retention: closed conversations older than
 * the site's limit are deleted every day (off unless the site sets `retentionDays`).
 */
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { MessageLog } from '../messages/message-log';
import type { Store } from '../store/database';
import { conversations, mailOutbox, offlineSubmissions, sites, visitorPages, visitors } from '../store/schema';
import { visitorProfile } from '../visitors/profile';

export function exportVisitor(store: Store, messages: MessageLog, visitorId: string) {
  const profile = visitorProfile(store, visitorId);
  if (!profile) return undefined;
  const chats = store.db.select().from(conversations).where(eq(conversations.visitorId, visitorId)).all();
  return {
    exportedAt: new Date().toISOString(),
    visitor: profile,
    conversations: chats.map((chat) => ({
      id: chat.id,
      status: chat.status,
      createdAt: chat.createdAt,
      closedAt: chat.closedAt,
      rating: chat.rating,
      ratingComment: chat.ratingComment,
      messages: messages.after(chat.id, 0, { includeInternal: false, limit: 100_000 }),
    })),
    offlineMessages: store.db.select().from(offlineSubmissions).where(eq(offlineSubmissions.visitorId, visitorId)).all(),
  };
}

/** Deletes the visitor, their conversations, messages, pages and form submissions. False if unknown. */
export function deleteVisitor(store: Store, visitorId: string): boolean {
  return store.sqlite.transaction(() => {
    const ids = store.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.visitorId, visitorId)).all().map((row) => row.id);
    if (ids.length > 0) {
      store.db.delete(mailOutbox).where(inArray(mailOutbox.conversationId, ids)).run();
      store.db.delete(conversations).where(inArray(conversations.id, ids)).run();
    }
    store.db.delete(offlineSubmissions).where(eq(offlineSubmissions.visitorId, visitorId)).run();
    store.db.delete(visitorPages).where(eq(visitorPages.visitorId, visitorId)).run();
    return store.db.delete(visitors).where(eq(visitors.id, visitorId)).run().changes === 1;
  })();
}

/** Deletes closed conversations past each site's retention. Returns how many went. */
export function applyRetention(store: Store, now = Date.now()): number {
  let removed = 0;
  for (const site of store.db.select().from(sites).all()) {
    const days = site.settings.retentionDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1) continue;
    const cutoff = now - days * 24 * 60 * 60 * 1000;
    const old = and(eq(conversations.siteId, site.id), eq(conversations.status, 'closed'), isNotNull(conversations.closedAt), lt(conversations.closedAt, cutoff));
    store.sqlite.transaction(() => {
      const ids = store.db.select({ id: conversations.id }).from(conversations).where(old).all().map((row) => row.id);
      if (ids.length === 0) return;
      store.db.delete(mailOutbox).where(inArray(mailOutbox.conversationId, ids)).run();
      removed += store.db.delete(conversations).where(inArray(conversations.id, ids)).run().changes;
    })();
  }
  return removed;
}
