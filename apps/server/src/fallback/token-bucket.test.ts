import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst up to capacity, then refills over time, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 0.5, () => now);
    expect([1, 2, 3, 4].map(() => buckets.take('1.2.3.4'))).toEqual([true, true, true, false]);
    expect(buckets.take('5.6.7.8')).toBe(true);
    now = 1999;
    expect(buckets.take('1.2.3.4')).toBe(false);
    now = 2001;
    expect(buckets.take('1.2.3.4')).toBe(true);
  });
});
