import { describe, expect, it } from 'vitest';
import { benchOptions } from './options.mjs';

describe('bench options', () => {
  it('runs every phase at full size by default, and small with --quick', () => {
    const full = benchOptions([]);
    expect(full.phases).toEqual(['connections', 'conversations', 'history', 'widget']);
    expect(full.connections).toBe(10_000);
    expect(full.messages).toBe(1_000_000);
    expect(full.rates).toContain(2000);
    const quick = benchOptions(['--quick', '--phases', 'widget,history', '--rates=500,2000', '--workers', '3']);
    expect(quick).toMatchObject({ quick: true, phases: ['widget', 'history'], rates: [500, 2000], connections: 500, workers: 3 });
  });

  it('stops on an unknown option, phase or stray word before anything runs', () => {
    expect(() => benchOptions(['--bogus'])).toThrow('unknown option --bogus');
    expect(() => benchOptions(['--phases', 'connections,chat'])).toThrow('unknown phase "chat"');
    expect(() => benchOptions(['quick'])).toThrow('unexpected argument "quick"');
    expect(() => benchOptions(['--quick=yes'])).toThrow('--quick takes no value');
  });

  it('stops on a count or rate that is not a positive whole number', () => {
    expect(() => benchOptions(['--rates', 'abc'])).toThrow('--rates must be whole messages per second');
    expect(() => benchOptions(['--connections', '0'])).toThrow('--connections must be a whole number from 1 up (got "0")');
    expect(() => benchOptions(['--visitors', '1.5'])).toThrow('--visitors');
    expect(() => benchOptions(['--workers', '40'])).toThrow('--workers must be a whole number from 1 to 16');
    expect(() => benchOptions(['--repeat'])).toThrow('--repeat');
  });
});
