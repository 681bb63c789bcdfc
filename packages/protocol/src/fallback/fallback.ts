/** When nobody can answer: the site's fallback settings, the offline form, FAQ search and availability. */
import { z } from 'zod';

/** Why the FAQ bot and the offline form took over a conversation. */
export const fallbackReason = z.enum(['closed', 'nobody_online', 'timeout']);
export type FallbackReason = z.infer<typeof fallbackReason>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour).');
const interval = z.object({ from: time, to: time });
const day = z.array(interval).max(6);

/** A weekly schedule in an IANA time zone; an interval whose end is not after its start runs past midnight. */
export const businessHoursSchema = z.object({
  enabled: z.boolean(),
  timezone: z.string().min(1).max(64),
  weekly: z.object({ sun: day, mon: day, tue: day, wed: day, thu: day, fri: day, sat: day }),
  /** Local dates (YYYY-MM-DD) when the store is closed all day. */
  holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).max(366),
});

/** Admin settings for when nobody can answer. */
export const fallbackSettings = z.object({
  /** Who gets an email for each offline message. */
  notificationEmails: z.array(z.email()).max(20),
  /** Seconds a queued shopper waits for an agent before the FAQ bot and the offline form take over. */
  acceptTimeoutSeconds: z.number().int().min(10).max(3600),
  businessHours: businessHoursSchema,
});
export type FallbackSettings = z.infer<typeof fallbackSettings>;

/** `POST /api/v1/visitor/offline` (Authorization: Bearer <visitor token>). */
export const offlineMessageRequest = z.object({
  /** Makes a retried submit safe: the same id is stored once. */
  clientId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  name: z.string().trim().min(1).max(120),
  email: z.email().max(254),
  message: z.string().trim().min(1).max(4000),
  /** Honeypot: a field people never see. Anything in it marks the submission as spam. */
  website: z.string().max(500).optional(),
  /** Milliseconds the form was open before it was sent; bots are faster than people. */
  elapsedMs: z.number().int().min(0),
});
export type OfflineMessageRequest = z.infer<typeof offlineMessageRequest>;

/** The same answer whether the submission was accepted or silently rejected as spam. */
export const offlineMessageResponse = z.object({ received: z.literal(true), email: z.string() });

/** `GET /api/v1/sites/:siteKey/faq?q=…`: the shopper's self-service search. */
export const faqSearchResponse = z.object({
  results: z.array(z.object({ id: z.string(), question: z.string(), answer: z.string() })),
});

/** `GET /api/v1/sites/:siteKey/availability`: what the widget says before a chat starts. */
export const availabilityResponse = z.object({
  /** An agent is online with the store open: a chat is answered live. */
  live: z.boolean(),
  /** Inside business hours (always true without a schedule). */
  open: z.boolean(),
  /** Epoch ms of the next opening when closed, else null. */
  nextOpenAt: z.number().int().nullable(),
  /** Median seconds from a shopper's first message to an agent taking it, over recent chats; null without data. */
  typicalWaitSeconds: z.number().int().nullable(),
});
export type Availability = z.infer<typeof availabilityResponse>;
