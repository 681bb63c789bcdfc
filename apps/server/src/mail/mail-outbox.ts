/**
 * The mail outbox: every email is recorded first, then sent by a worker, retried with exponential
 * backoff, and given up (state `failed`, still visible and retriable) only after `maxAttempts`. Without
 * SMTP configured, mail waits in the outbox and goes out once it is configured: never a silent loss.
 * `nodemailer` is imported at the first send, so a server without SMTP never loads it (idle memory).
 *
 * Every write goes through the group commit, so the event loop never waits for its fsync. A mail that
 * belongs to another write (the offline form's receipt, an agent's reply to a shopper who left) is
 * `stage`d inside that write: both are stored, or neither. The worker sends only what is durable.
 */
import { and, asc, count, desc, eq, lte } from 'drizzle-orm';
import { nanoid } from 'nanoid';
import type { Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { GroupCommit } from '../chat/group-commit';
import type { Store } from '../store/database';
import { mailOutbox } from '../store/schema';

export type OutgoingMail = typeof mailOutbox.$inferSelect;
export type MailKind = OutgoingMail['kind'];

export interface NewMail {
  kind: MailKind;
  siteId: string;
  conversationId?: string | null;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html: string;
}

export interface MailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset means mail waits in the outbox. */
  smtpUrl?: string | undefined;
  /** The From header, e.g. `Boot Barn <shop@example.com>`. */
  from: string;
  pollMs?: number;
  retryBaseMs?: number;
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

export class MailOutbox {
  private transport: Transporter | null = null;
  private loading: Promise<Transporter> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Store,
    /** The group commit every row of the outbox is written through. */
    private readonly commits: Pick<GroupCommit, 'write' | 'whenDurable'>,
    private readonly options: MailOptions,
    private readonly log: FastifyBaseLogger,
    private readonly clock: () => number = Date.now,
  ) {}

  get configured(): boolean {
    return Boolean(this.options.smtpUrl);
  }

  /** Records a mail on its own and wakes the worker once it is durable. Resolves with its id. */
  async enqueue(mail: NewMail): Promise<string> {
    const id = await this.commits.write(() => this.stage(mail));
    this.wake();
    return id;
  }

  /**
   * Records a mail inside the caller's write (a group-commit write), so that it is stored with what it is
   * about or not at all. Call `wake()` once that write is durable. Returns its id.
   */
  stage(mail: NewMail): string {
    const id = nanoid();
    const now = this.clock();
    this.store.db
      .insert(mailOutbox)
      .values({ id, ...mail, conversationId: mail.conversationId ?? null, replyTo: mail.replyTo ?? null, state: 'queued', attempts: 0, nextAttemptAt: now, createdAt: now })
      .run();
    return id;
  }

  /** Sends what is due soon (after a staged mail's write is durable). */
  wake(): void {
    setImmediate(() => void this.processDue());
  }

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.processDue(), this.options.pollMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    this.transport?.close();
  }

  /** Sends every mail that is due. One run at a time. */
  processDue(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.sendDue()
      .catch((error: unknown) => this.log.error({ err: error }, 'mail worker failed, will try again'))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Mail by state, for the admins' view. */
  counts(): Record<OutgoingMail['state'], number> {
    const rows = this.store.db.select({ state: mailOutbox.state, n: count() }).from(mailOutbox).groupBy(mailOutbox.state).all();
    const counts = { queued: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  list(limit = 100): OutgoingMail[] {
    return this.store.db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit).all();
  }

  /** Puts a failed mail back in the queue; resolves false when there is no such failed mail. */
  async retry(id: string): Promise<boolean> {
    const changed = await this.commits.write(
      () =>
        this.store.db
          .update(mailOutbox)
          .set({ state: 'queued', nextAttemptAt: this.clock() })
          .where(and(eq(mailOutbox.id, id), eq(mailOutbox.state, 'failed')))
          .run().changes,
    );
    if (changed === 1) this.wake();
    return changed === 1;
  }

  /** The SMTP transport, created at the first send (loading nodemailer then); null without SMTP. */
  private async loadTransport(): Promise<Transporter | null> {
    const smtpUrl = this.options.smtpUrl;
    if (!smtpUrl) return null;
    if (this.transport) return this.transport;
    this.loading ??= import('nodemailer').then(({ default: nodemailer }) => (this.transport = nodemailer.createTransport(smtpUrl)));
    try {
      return await this.loading;
    } catch (error) {
      this.loading = null;
      this.log.error({ err: error }, 'could not set up the SMTP transport, mail stays queued');
      return null;
    }
  }

  private async sendDue(): Promise<void> {
    if (!this.options.smtpUrl) return;
    const transport = await this.loadTransport();
    if (!transport) return;
    const due = this.store.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.state, 'queued'), lte(mailOutbox.nextAttemptAt, this.clock())))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(20)
      .all();
    if (due.length === 0) return;
    // A mail staged in a batch whose fsync is still running is visible already: send only once it is durable.
    await new Promise<void>((resolve) => this.commits.whenDurable(resolve));
    for (const mail of due) await this.send(transport, mail);
  }

  private async send(transport: Transporter, mail: OutgoingMail): Promise<void> {
    const attempts = mail.attempts + 1;
    try {
      await transport.sendMail({
        from: this.options.from,
        to: mail.to,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= (this.options.maxAttempts ?? 8);
      const delay = Math.min(MAX_BACKOFF_MS, (this.options.retryBaseMs ?? 5000) * 2 ** (attempts - 1));
      await this.commits.write(() =>
        this.store.db
          .update(mailOutbox)
          .set({ state: giveUp ? 'failed' : 'queued', attempts, lastError: message.slice(0, 500), nextAttemptAt: this.clock() + delay })
          .where(eq(mailOutbox.id, mail.id))
          .run(),
      );
      this.log.warn({ mailId: mail.id, attempts, err: message }, giveUp ? 'mail failed, giving up' : 'mail failed, will retry');
      return;
    }
    // Sent: a crash before this is durable sends it once more, as one before the SMTP answer would.
    await this.commits.write(() =>
      this.store.db.update(mailOutbox).set({ state: 'sent', attempts, sentAt: this.clock(), lastError: null }).where(eq(mailOutbox.id, mail.id)).run(),
    );
  }
}
