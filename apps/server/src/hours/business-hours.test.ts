import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, businessHours, isOpen, nextOpening, type BusinessHours } from './business-hours';

const weekdays = (intervals: Array<{ from: string; to: string }>) => ({
  sun: [],
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: [],
});

describe('business hours', () => {
  const berlin: BusinessHours = { enabled: true, timezone: 'Europe/Berlin', weekly: weekdays([{ from: '09:00', to: '17:00' }]), holidays: ['2026-12-25'] };

  it("is open inside the site's local hours, not the server's", () => {
    // Monday 2026-11-23: 08:30 UTC is 09:30 in Berlin (UTC+1).
    expect(isOpen(berlin, new Date('2026-11-23T08:30:00Z'))).toBe(true);
    expect(isOpen(berlin, new Date('2026-11-23T07:59:00Z'))).toBe(false);
    expect(isOpen(berlin, new Date('2026-11-23T16:00:00Z'))).toBe(false);
    // Saturday: closed all day.
    expect(isOpen(berlin, new Date('2026-11-28T10:00:00Z'))).toBe(false);
  });

  it('is closed on holidays', () => {
    expect(isOpen(berlin, new Date('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpen(berlin, new Date('2026-12-24T10:00:00Z'))).toBe(true);
  });

  it('handles an evening shift that runs past midnight in a time zone across the date line', () => {
    const auckland: BusinessHours = { enabled: true, timezone: 'Pacific/Auckland', weekly: { ...weekdays([]), fri: [{ from: '22:00', to: '02:00' }] }, holidays: [] };
    // Friday 2026-11-27 23:30 in Auckland (UTC+13) is 10:30 UTC the same day.
    expect(isOpen(auckland, new Date('2026-11-27T10:30:00Z'))).toBe(true);
    // Saturday 01:30 in Auckland: still Friday's shift.
    expect(isOpen(auckland, new Date('2026-11-27T12:30:00Z'))).toBe(true);
    // Saturday 02:30: closed.
    expect(isOpen(auckland, new Date('2026-11-27T13:30:00Z'))).toBe(false);
    // Thursday 23:30: no shift that day.
    expect(isOpen(auckland, new Date('2026-11-26T10:30:00Z'))).toBe(false);
  });

  it('finds the next opening', () => {
    // Friday 18:00 Berlin → Monday 09:00 Berlin (08:00 UTC).
    expect(nextOpening(berlin, new Date('2026-11-27T17:00:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });

  it('is always open when disabled, and validates schedules', () => {
    expect(isOpen(ALWAYS_OPEN, new Date())).toBe(true);
    expect(businessHours.safeParse({ ...berlin, timezone: 'Mars/Olympus' }).success).toBe(false);
    expect(businessHours.safeParse({ ...berlin, weekly: weekdays([{ from: '9am', to: '17:00' }]) }).success).toBe(false);
  });
});
