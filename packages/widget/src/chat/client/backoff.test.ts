import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const at = (random: number) => ({ baseMs: 500, maxMs: 30_000, random: () => random });

  it('grows exponentially between half and all of the ceiling', () => {
    expect(backoffDelay(0, at(0))).toBe(250);
    expect(backoffDelay(0, at(1))).toBe(500);
    expect(backoffDelay(3, at(0))).toBe(2000);
    expect(backoffDelay(3, at(1))).toBe(4000);
  });

  it('never waits more than 30 seconds however many attempts failed', () => {
    for (const attempt of [6, 10, 50, 1000]) expect(backoffDelay(attempt, at(1))).toBe(30_000);
  });

  it('spreads clients out with jitter', () => {
    expect(backoffDelay(5, at(0.1))).not.toBe(backoffDelay(5, at(0.9)));
  });
});
