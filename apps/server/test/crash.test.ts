/**
 * Fault test: SIGKILL the server (a child process, built) at random moments while a shopper sends
 * numbered messages; every acknowledged message must be stored exactly once, in order. `npm run soak`
 * runs the long version.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { crashLoop } from '../../../scripts/soak/crash-loop.mjs';

interface CrashResult {
  kills: number;
  acknowledged: number;
  stored: number;
  missing: number[];
  duplicates: number[];
  outOfOrder: number[];
  integrity: string;
  closeCodes: number[];
  exitMs: number[];
}

describe('a server killed with SIGKILL', () => {
  it('loses, duplicates and reorders nothing it acknowledged, over 6 kills', async () => {
    const result = (await crashLoop({ kills: 6, maxMs: 45_000 })) as CrashResult;
    expect(result.acknowledged).toBeGreaterThan(50);
    expect(result.missing).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.outOfOrder).toEqual([]);
    expect(result.integrity).toBe('ok');
    // Messages sent but not acknowledged before a kill were resent: everything written was stored.
    expect(result.stored).toBeGreaterThanOrEqual(result.acknowledged);
  }, 60_000);
});

describe('a server stopped with SIGTERM under load', () => {
  it('closes sockets with 1001, exits within 10 s, and clients lose nothing across the restart', async () => {
    const result = (await crashLoop({ kills: 3, maxMs: 45_000, signal: 'SIGTERM' })) as CrashResult;
    expect(result.missing).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.outOfOrder).toEqual([]);
    expect(result.integrity).toBe('ok');
    // Every restart the client saw was announced as "going away", not a dropped connection.
    expect(result.closeCodes.filter((code) => code !== 1001)).toEqual([]);
    expect(result.closeCodes.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...result.exitMs)).toBeLessThan(10_000);
  }, 60_000);
});
