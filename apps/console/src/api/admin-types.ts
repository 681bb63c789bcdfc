/**
 * Shapes of the console's admin and fallback REST answers that @parley/protocol does not (yet) describe:
 * FAQ entries, mail status and outbox, privacy and identity settings.
 */

/** One FAQ entry the bot answers from. */
export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string;
  createdAt: number;
  updatedAt: number;
}
export type FaqEntryInput = Pick<FaqEntry, 'question' | 'answer' | 'keywords'>;

export type MailState = 'queued' | 'sent' | 'failed';
export type MailKind = 'receipt' | 'notification' | 'reply' | 'transcript';
export type MailCounts = Record<MailState, number>;

/** `GET /api/v1/console/mail/status`: what the "email is not set up" banner needs (any agent). */
export interface MailStatus extends MailCounts {
  smtpConfigured: boolean;
  /** How many notification addresses the site has. */
  recipients: number;
}

/** One email in the outbox, without its body. */
export interface OutboxMail {
  id: string;
  kind: MailKind;
  to: string;
  subject: string;
  state: MailState;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

export interface PrivacySettings {
  /** Closed conversations older than this are deleted daily; null keeps them forever. */
  retentionDays: number | null;
}

export interface IdentitySettings {
  secret: string;
  required: boolean;
}
