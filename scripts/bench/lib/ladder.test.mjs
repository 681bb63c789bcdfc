import { describe, expect, it } from 'vitest';
import { ladder } from './ladder.mjs';

/** A fake contender: `p99(rate, index)` gives each run's p99; `deliveredShare(rate)` how much got through. */
function contender(label, { p99 = () => 5, deliveredShare = () => 1, limit = 50 } = {}) {
  return { label, p99, deliveredShare, limit, runs: 0 };
}

function fakeRun(order) {
  return async (who, rate) => {
    order.push(`${who.label}@${rate}`);
    const p99 = who.p99(rate, who.runs);
    who.runs += 1;
    const sent = rate * 10;
    const delivered = Math.round(sent * who.deliveredShare(rate));
    return { rate, sent, delivered, throughput: delivered / 10, sustained: p99 < who.limit && delivered >= sent * 0.999, roundTrip: { p99 } };
  };
}

const options = { rates: [100, 500, 1000, 2000, 3000, 5000], fixedRates: [500, 2000, 5000], repeat: 3 };

describe('the rate ladder', () => {
  it('runs Parley and the baseline in turn at each rate, alternating which goes first', async () => {
    const order = [];
    const parley = contender('parley');
    const baseline = contender('baseline');
    await ladder({ ...options, rates: [100, 500], contenders: [parley, baseline], run: fakeRun(order) });
    expect(order).toEqual(['parley@100', 'baseline@100', 'parley@500', 'baseline@500', 'baseline@500', 'parley@500', 'parley@500', 'baseline@500']);
  });

  it('reports the median of the repeats with every repeat kept', async () => {
    const parley = contender('parley', { p99: (rate, index) => [30, 10, 20][index % 3] });
    const [result] = await ladder({ ...options, rates: [500], contenders: [parley], run: fakeRun([]) });
    expect(result.steps[0].roundTrip.p99).toBe(20);
    expect(result.steps[0].runsP99).toEqual([30, 10, 20]);
  });

  it('after a failure runs only the fixed rates, per contender, and stops after the highest', async () => {
    const order = [];
    const parley = contender('parley', { p99: (rate) => (rate >= 1000 ? 80 : 5) });
    const baseline = contender('baseline');
    const [p, b] = await ladder({ ...options, repeat: 1, contenders: [parley, baseline], run: fakeRun(order) });
    expect(p.steps.map((step) => step.rate)).toEqual([100, 500, 1000, 2000, 5000]);
    expect(b.steps.map((step) => step.rate)).toEqual([100, 500, 1000, 2000, 3000, 5000]);
    expect(p.maxSustainedRate).toBe(500);
    expect(b.maxSustainedRate).toBe(5000);
    expect(order.filter((entry) => entry.startsWith('parley'))).not.toContain('parley@3000');
  });

  it('ends a contender’s ladder when it is overloaded, without repeating the overloaded run', async () => {
    const order = [];
    const parley = contender('parley', { deliveredShare: (rate) => (rate >= 2000 ? 0.5 : 1) });
    const baseline = contender('baseline');
    const [p, b] = await ladder({ ...options, contenders: [parley, baseline], run: fakeRun(order) });
    expect(order.filter((entry) => entry === 'parley@2000')).toHaveLength(1);
    expect(p.steps.at(-1)).toEqual({ rate: 5000, skipped: 'overloaded at 2000/s' });
    expect(order).not.toContain('parley@3000');
    expect(b.steps.filter((step) => !step.skipped).map((step) => step.rate)).toEqual([100, 500, 1000, 2000, 3000, 5000]);
    expect(p.peakThroughput).toBe(1000);
  });
});
