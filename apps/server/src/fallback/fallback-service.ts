/**
 * When nobody can answer: decides whether a new conversation goes to routing or to the FAQ bot (closed,
 * nobody online, or nobody accepted within the site's timeout), answers the shopper from the FAQ,
 * takes the offline form (with spam rules), and sends the emails that go with it.
 */
import { OFFLINE_MIN_FILL_MS, type FallbackReason, type MessageView, type OfflineMessageRequest, type Availability } from '@parley/protocol';
import { eq } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import type { FastifyBaseLogger } from 'fastify';
import type { Connections } from '../broadcast/connections';
import type { GroupCommit } from '../chat/group-commit';
import type { Conversation, Conversations } from '../conversations/conversations';
import type { Faq } from '../faq/faq';
import { isOpen, nextOpening } from '../hours/business-hours';
import { TOPICS, type Hub } from '../hub/hub';
import type { MailOutbox } from '../mail/mail-outbox';
import { notificationMail, receiptMail, replyMail, transcriptMail } from '../mail/templates';
import type { MessageLog } from '../messages/message-log';
import type { Presence } from '../presence/presence';
import type { Routing } from '../routing/routing';
import { getSite, type Site } from '../sites/sites';
import type { Store } from '../store/database';
import { offlineSubmissions, visitors } from '../store/schema';
import { getVisitor, type Visitor } from '../visitors/visitors';
import { fallbackSettingsOf } from './settings';
import { TokenBuckets } from './token-bucket';

/** Bodies stored for bot messages without an FAQ answer; the widget shows its own localised text. */
export const NO_MATCH_NOTE = 'No FAQ answer matched; the shopper was offered the offline form.';

export interface FallbackDeps {
  store: Store;
  /** The group commit the bot's writes join, like messages. */
  commits: GroupCommit;
  conversations: Conversations;
  messages: MessageLog;
  presence: Presence;
  routing: Routing;
  connections: Connections;
  faq: Faq;
  mail: MailOutbox;
  hub: Hub;
  log: FastifyBaseLogger;
  clock?: () => number;
  /** Offline submissions per IP: `burst` at once, one more every `refillSeconds`. */
  offlineLimit?: { burst: number; refillSeconds: number };
}

interface BotReply {
  name: string | null;
  text: string;
  bot: { kind: 'faq_answer' | 'no_match'; faqEntryId: string | null };
}

export class FallbackService {
  private readonly clock: () => number;
  private readonly offlineLimiter: TokenBuckets;
  private readonly transcriptLimiter: TokenBuckets;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FallbackDeps) {
    this.clock = deps.clock ?? Date.now;
    const limit = deps.offlineLimit ?? { burst: 5, refillSeconds: 120 };
    this.offlineLimiter = new TokenBuckets(limit.burst, 1 / limit.refillSeconds, this.clock);
    this.transcriptLimiter = new TokenBuckets(3, 1 / 300, this.clock);
  }

  /** The widget's language, sent when the shopper's socket authenticated: their emails are written in it. */
  private localeOf(visitorId: string): string | null {
    return getVisitor(this.deps.store, visitorId)?.locale ?? null;
  }

  /** Why a chat at this site cannot be answered live right now, or null when it can. */
  reasonNow(site: Site): FallbackReason | null {
    const settings = fallbackSettingsOf(site);
    if (!isOpen(settings.businessHours, new Date(this.clock()))) return 'closed';
    if (this.deps.presence.available().length === 0) return 'nobody_online';
    return null;
  }

  /**
   * A conversation just started: route it (an agent who comes online still gets it from the queue), and
   * when nobody can answer live, hand it to the FAQ bot as well. Outside business hours it is not routed.
   */
  start(conversation: Conversation, firstMessage: MessageView): void {
    const site = getSite(this.deps.store, conversation.siteId);
    const reason = site ? this.reasonNow(site) : null;
    const handOver = () => {
      if (reason) this.handOver(conversation.id, reason, firstMessage);
    };
    // Outside business hours nobody is assigned automatically; agents may still accept it by hand.
    if (reason === 'closed') handOver();
    else this.deps.routing.route(conversation.id, handOver); // the bot, if still waiting once routed
  }

  /** A shopper wrote in a conversation the bot handles: answer from the FAQ. */
  onVisitorMessage(conversation: Conversation, message: MessageView): void {
    if (conversation.status === 'queued' && conversation.fallbackAt !== null) this.answer(conversation.id, message);
  }

  /**
   * An agent replied: a shopper who left their email and is not here gets the reply by email. Runs inside
   * the reply's write, so the reply and its mail are stored together; true when a mail was staged (then
   * `mailStored()` once the write is durable).
   */
  stageAgentReply(conversation: Conversation, message: MessageView): boolean {
    if (message.internal || !conversation.offlineEmail) return false;
    if (this.deps.connections.visitorPeers(conversation.visitorId).size > 0) return false;
    const site = getSite(this.deps.store, conversation.siteId);
    if (!site) return false;
    const body = replyMail(site.name, message.author.name ?? site.name, message.text, this.localeOf(conversation.visitorId));
    const replyTo = fallbackSettingsOf(site).notificationEmails[0] ?? null;
    this.deps.mail.stage({ kind: 'reply', siteId: site.id, conversationId: conversation.id, to: conversation.offlineEmail, replyTo, ...body });
    return true;
  }

  /** A write that staged mail is durable: the mail can go. */
  mailStored(): void {
    this.deps.mail.wake();
  }

  /** Hands conversations nobody accepted in time to the bot. Runs every few seconds. */
  sweep(): void {
    const now = this.clock();
    for (const conversation of this.deps.conversations.waitingSince(now - 10_000)) {
      const site = getSite(this.deps.store, conversation.siteId);
      if (!site) continue;
      const timeout = fallbackSettingsOf(site).acceptTimeoutSeconds * 1000;
      if ((conversation.queuedAt ?? conversation.createdAt) + timeout > now) continue;
      const last = this.deps.messages.after(conversation.id, Math.max(0, conversation.lastSeq - 1), { includeInternal: false, limit: 1 })[0];
      this.handOver(conversation.id, 'timeout', last?.author.type === 'visitor' ? last : undefined);
    }
  }

  /** Starts the timeout sweep. */
  startSweeping(): void {
    this.timer ??= setInterval(() => {
      try {
        this.sweep();
      } catch (error) {
        this.deps.log.error({ err: error }, 'fallback sweep failed');
      }
    }, 5000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * The offline form. Spam (honeypot filled, sent faster than a person can, or too many from one IP) is
   * stored as rejected and never emailed, and gets the same answer as a real message.
   */
  async submitOffline(visitor: Visitor, site: Site, form: OfflineMessageRequest, ip: string): Promise<{ received: true; email: string }> {
    const answer = { received: true as const, email: form.email.toLowerCase() };
    const now = this.clock();
    const spam = form.website ? 'honeypot' : form.elapsedMs < OFFLINE_MIN_FILL_MS ? 'too_fast' : !this.offlineLimiter.take(ip) ? 'rate_limited' : null;
    const record = { id: nanoid(), siteId: site.id, visitorId: visitor.id, name: form.name, email: answer.email, message: form.message, ip, createdAt: now };
    if (spam) {
      await this.deps.commits.write(() => this.deps.store.db.insert(offlineSubmissions).values({ ...record, conversationId: null, status: 'rejected', reason: spam }).run());
      this.deps.log.info({ siteId: site.id, reason: spam }, 'offline message rejected as spam');
      return answer;
    }
    const { conversations, messages, store } = this.deps;
    // Through the group commit, with its mails: answered, announced and emailed about once durable.
    const result = await this.deps.commits.write(() => {
      const existing = messages.findVisitorMessage(visitor.id, form.clientId);
      if (existing) return null;
      const active = conversations.activeOf(visitor.id);
      const conversationId = active?.id ?? conversations.create(site.id, visitor.id, now);
      const message = messages.append({
        conversationId,
        seq: conversations.nextSeq(conversationId, now),
        clientId: form.clientId,
        author: { type: 'visitor', id: visitor.id, name: visitor.name ?? form.name },
        text: form.message,
        internal: false,
        page: null,
        createdAt: now,
      });
      conversations.markOffline(conversationId, answer.email);
      const known = { ...(visitor.name ? {} : { name: form.name }), ...(visitor.email ? {} : { email: answer.email }) };
      if (Object.keys(known).length > 0) store.db.update(visitors).set(known).where(eq(visitors.id, visitor.id)).run();
      store.db.insert(offlineSubmissions).values({ ...record, conversationId, status: 'accepted', reason: null }).run();
      // Stored with the message: a crash can lose both, never the store's notification alone.
      this.stageOfflineMails(site, conversationId, visitor.id, form.name, answer.email, form.message);
      return { conversationId, message };
    });
    if (!result) return answer;
    const conversation = conversations.get(result.conversationId)!;
    const view = conversations.view(conversation);
    this.deps.hub.publish(TOPICS.chat, { kind: 'message', conversation: view, message: result.message });
    this.deps.hub.publish(TOPICS.chat, { kind: 'conversation', name: 'conversation.offline', conversation: view });
    this.deps.mail.wake();
    return answer;
  }

  /** Emails the shopper their conversation. */
  sendTranscript(conversation: Conversation, email: string): void {
    if (!this.transcriptLimiter.take(conversation.id)) return;
    const site = getSite(this.deps.store, conversation.siteId);
    if (!site) return;
    const body = transcriptMail(site.name, this.deps.messages.after(conversation.id, 0, { includeInternal: false, limit: 1000 }), this.localeOf(conversation.visitorId));
    const replyTo = fallbackSettingsOf(site).notificationEmails[0] ?? null;
    this.deps.mail
      .enqueue({ kind: 'transcript', siteId: site.id, conversationId: conversation.id, to: email, replyTo, ...body })
      .catch((error: unknown) => this.deps.log.error({ err: error, conversationId: conversation.id }, 'could not queue the transcript mail'));
  }

  /** What the widget tells a shopper before they write. */
  availability(site: Site): Availability {
    const settings = fallbackSettingsOf(site);
    const now = new Date(this.clock());
    const open = isOpen(settings.businessHours, now);
    const next = open ? null : nextOpening(settings.businessHours, now);
    return {
      live: open && this.deps.presence.available().length > 0,
      open,
      nextOpenAt: next ? next.getTime() : null,
      typicalWaitSeconds: this.typicalWait(site.id),
    };
  }

  private typicalWait(siteId: string): number | null {
    const rows = this.deps.store.sqlite
      .prepare<[string], { wait: number }>(
        `SELECT assigned_at - queued_at AS wait FROM conversations
         WHERE site_id = ? AND assigned_at IS NOT NULL AND queued_at IS NOT NULL ORDER BY assigned_at DESC LIMIT 50`,
      )
      .all(siteId)
      .map((row) => row.wait)
      .sort((a, b) => a - b);
    if (rows.length === 0) return null;
    return Math.round(rows[Math.floor(rows.length / 2)]! / 1000);
  }

  /**
   * The bot takes over a conversation still waiting (unless it already has), and answers `question` if any:
   * both in the group commit, announced once durable (the event loop never waits for the disk for the bot).
   */
  private handOver(conversationId: string, reason: FallbackReason, question: MessageView | undefined): void {
    const { conversations } = this.deps;
    const reply = question && this.replyTo(conversationId, question);
    this.deps.commits.enqueue(
      () => {
        const current = conversations.get(conversationId);
        if (current?.status !== 'queued' || !conversations.setFallback(conversationId, reason, this.clock())) return null;
        const message = reply ? this.storeReply(conversationId, reply) : null;
        return { conversation: conversations.get(conversationId)!, message };
      },
      (outcome) => {
        if (!outcome.ok) return this.deps.log.error({ err: outcome.error }, 'the FAQ bot could not take over');
        if (!outcome.value) return;
        const view = conversations.view(outcome.value.conversation);
        this.deps.hub.publish(TOPICS.chat, { kind: 'conversation', name: 'conversation.fallback', conversation: view });
        if (outcome.value.message) this.deps.hub.publish(TOPICS.chat, { kind: 'message', conversation: view, message: outcome.value.message });
      },
    );
  }

  /** The bot answers `question` from the FAQ (in the group commit, published once durable). */
  private answer(conversationId: string, question: MessageView): void {
    const reply = this.replyTo(conversationId, question);
    if (!reply) return;
    this.deps.commits.enqueue(
      () => ({ message: this.storeReply(conversationId, reply), conversation: this.deps.conversations.get(conversationId)! }),
      (outcome) => {
        if (!outcome.ok) return this.deps.log.error({ err: outcome.error }, 'the FAQ bot could not answer');
        const view = this.deps.conversations.view(outcome.value.conversation);
        this.deps.hub.publish(TOPICS.chat, { kind: 'message', conversation: view, message: outcome.value.message });
      },
    );
  }

  /** What the bot says to `question`: the best FAQ answer, or the note that it has none. */
  private replyTo(conversationId: string, question: MessageView): BotReply | undefined {
    const conversation = this.deps.conversations.get(conversationId);
    if (!conversation) return undefined;
    const site = getSite(this.deps.store, conversation.siteId);
    const match = this.deps.faq.best(conversation.siteId, question.text);
    return {
      name: site?.name ?? null,
      text: match ? match.entry.answer : NO_MATCH_NOTE,
      bot: { kind: match ? 'faq_answer' : 'no_match', faqEntryId: match?.entry.id ?? null },
    };
  }

  private storeReply(conversationId: string, reply: BotReply): MessageView {
    const now = this.clock();
    return this.deps.messages.append({
      conversationId,
      seq: this.deps.conversations.nextSeq(conversationId, now),
      clientId: null,
      author: { type: 'bot', id: null, name: reply.name },
      text: reply.text,
      internal: false,
      page: null,
      createdAt: now,
      bot: reply.bot,
    });
  }

  /** The shopper's receipt and the store's notifications, staged inside the offline message's write. */
  private stageOfflineMails(site: Site, conversationId: string, visitorId: string, name: string, email: string, message: string): void {
    const settings = fallbackSettingsOf(site);
    const receipt = receiptMail(site.name, name, email, message, this.localeOf(visitorId));
    this.deps.mail.stage({ kind: 'receipt', siteId: site.id, conversationId, to: email, replyTo: settings.notificationEmails[0] ?? null, ...receipt });
    const transcript = this.deps.messages.after(conversationId, 0, { includeInternal: false, limit: 1000 });
    const notification = notificationMail(site.name, name, email, transcript);
    for (const to of settings.notificationEmails) {
      this.deps.mail.stage({ kind: 'notification', siteId: site.id, conversationId, to, replyTo: email, ...notification });
    }
  }
}
