/**
 * Business hours: a weekly schedule in the site's IANA time zone, plus holidays. An interval whose end is
 * not after its start runs past midnight (22:00–02:00). All date maths goes through `Intl`, so daylight
 * saving time and time zones are the platform's.
 */
import { businessHoursSchema } from '@parley/protocol';
import type { z } from 'zod';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The schedule, with the time zone checked against the platform's list. */
export const businessHours = businessHoursSchema.refine((hours) => isTimeZone(hours.timezone), {
  message: 'Not a known IANA time zone.',
  path: ['timezone'],
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const ALWAYS_OPEN: BusinessHours = {
  enabled: false,
  timezone: 'UTC',
  weekly: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
  holidays: [],
};

interface LocalTime {
  date: string;
  weekday: Weekday;
  minutes: number;
}

/** True when the store is open at `now`. With hours disabled it is always open. */
export function isOpen(hours: BusinessHours, now: Date): boolean {
  if (!hours.enabled) return true;
  const today = localTime(now, hours.timezone);
  const yesterday = localTime(new Date(now.getTime() - 24 * 60 * 60 * 1000), hours.timezone);
  if (!hours.holidays.includes(today.date)) {
    for (const { from, to } of hours.weekly[today.weekday]) {
      const start = toMinutes(from);
      const end = toMinutes(to);
      if (end > start ? today.minutes >= start && today.minutes < end : today.minutes >= start) return true;
    }
  }
  if (!hours.holidays.includes(yesterday.date)) {
    for (const { from, to } of hours.weekly[yesterday.weekday]) {
      if (toMinutes(to) <= toMinutes(from) && today.minutes < toMinutes(to)) return true;
    }
  }
  return false;
}

/** The next moment the store opens, searched minute by quarter hour over the coming 8 days. */
export function nextOpening(hours: BusinessHours, now: Date): Date | null {
  if (isOpen(hours, now)) return now;
  const step = 15 * 60 * 1000;
  const start = Math.ceil(now.getTime() / step) * step;
  for (let at = start; at < now.getTime() + 8 * 24 * 60 * 60 * 1000; at += step) {
    if (isOpen(hours, new Date(at))) return new Date(at);
  }
  return null;
}

function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: String(parts.weekday).toLowerCase().slice(0, 3) as Weekday,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function toMinutes(value: string): number {
  const [hours, minutes] = value.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
