import { describe, expect, it } from 'vitest';
import { messageId } from './message-log';

describe('messageId', () => {
  it('sorts by creation time and stays unique within one millisecond', () => {
    const now = Date.UTC(2026, 11, 1, 18, 0, 0);
    const ids = [now - 86_400_000, now - 1, now, now + 1, now + 365 * 86_400_000].map(messageId);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => id.length === 21 && /^[0-9a-z]{9}[A-Za-z0-9_-]{12}$/.test(id))).toBe(true);
    const same = Array.from({ length: 1000 }, () => messageId(now));
    expect(new Set(same).size).toBe(1000);
  });
});
