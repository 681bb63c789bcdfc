/** Smoke test of the harness's pure helpers (no servers, no timing). Run: npx vitest run --config scripts/bench/vitest.config.mjs */
import { describe, expect, it } from 'vitest';
import { bucketQuantile, bucketsSince, formatLatency, formatMarkdownTable, formatRatio, formatTable, gaugeValue, histogramBuckets, microsPer, parseArgs, percentile, summarize, verdict } from './stats.mjs';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it("reads a histogram's buckets from /metrics and takes quantiles of what two scrapes saw in between", () => {
    const scrape = (counts) =>
      [
        '# TYPE parley_wal_sync_seconds histogram',
        `parley_wal_sync_seconds_bucket{le="0.001"} ${counts[0]}`,
        `parley_wal_sync_seconds_bucket{le="0.005"} ${counts[1]}`,
        `parley_wal_sync_seconds_bucket{le="+Inf"} ${counts[2]}`,
        `parley_wal_sync_seconds_count ${counts[2]}`,
        'parley_other_bucket{le="0.001"} 99',
      ].join('\n');
    const before = histogramBuckets(scrape([10, 10, 10]), 'parley_wal_sync_seconds');
    expect(before.map((b) => b.le)).toEqual([0.001, 0.005, Infinity]);
    // Between the scrapes: 50 fsyncs under 1 ms, 48 of 1–5 ms, 2 slower than 5 ms.
    const since = bucketsSince(before, histogramBuckets(scrape([60, 108, 110]), 'parley_wal_sync_seconds'));
    expect(since.map((b) => b.count)).toEqual([50, 98, 100]);
    expect(bucketQuantile(since, 0.5)).toBeCloseTo(1, 5); // the 50th of 100 is the last under 1 ms
    expect(bucketQuantile(since, 0.25)).toBeCloseTo(0.5, 5);
    expect(bucketQuantile(since, 0.74)).toBeCloseTo(1 + 4 * (24 / 48), 5);
    expect(bucketQuantile(since, 0.99)).toBe('>5.0');
    expect(bucketQuantile(bucketsSince(before, before), 0.5)).toBeNull();
  });

  it('reads an unlabelled gauge from /metrics, and nothing for a name it only prefixes', () => {
    const text = [
      '# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.',
      '# TYPE nodejs_eventloop_lag_p99_seconds gauge',
      'nodejs_eventloop_lag_p99_seconds 0.0123',
      'nodejs_eventloop_lag_max_seconds_total 7',
    ].join('\n');
    expect(gaugeValue(text, 'nodejs_eventloop_lag_p99_seconds')).toBe(0.0123);
    expect(gaugeValue(text, 'nodejs_eventloop_lag_max_seconds')).toBeNull();
  });

  it("divides a counter's growth between two scrapes by the messages sent, in microseconds", () => {
    const before = 'process_cpu_seconds_total 1.5\n';
    const after = 'process_cpu_seconds_total 5.1\n';
    expect(microsPer(before, after, 'process_cpu_seconds_total', 10_000)).toBeCloseTo(360);
    expect(microsPer(before, after, 'process_cpu_seconds_total', 0)).toBeNull();
    expect(microsPer('', after, 'process_cpu_seconds_total', 10)).toBeNull();
  });

  it('summarizes unsorted samples', () => {
    const summary = summarize([5, 1, 4, 2, 3]);
    expect(summary).toMatchObject({ count: 5, p50: 3, p99: 5, max: 5, mean: 3 });
    expect(summarize([]).count).toBe(0);
  });

  it('formats latency, ratios and verdicts', () => {
    expect(formatLatency(summarize([1, 2, 3, 40]))).toBe('2.00 / 40.0 / 40.0 / 40.0');
    expect(formatRatio(1, 4)).toBe('0.25×');
    expect(formatRatio(1, 0)).toBe('–');
    expect(verdict(12, { atMost: 16 })).toBe('met');
    expect(verdict(0.4, { atLeast: 0.5 })).toBe('NOT met');
    expect(verdict(Number.NaN, { atMost: 1 })).toBe('n/a');
  });

  it('aligns a text table and escapes a Markdown one', () => {
    const lines = formatTable(['metric', 'value'], [['rss', 12.5], ['connections', 10000]]).split('\n');
    expect(lines[0]).toBe('metric      |  value');
    expect(lines[2]).toBe('rss         |   12.5');
    expect(lines[3]).toBe('connections | 10,000');
    expect(formatMarkdownTable(['a'], [['x|y']])).toBe('| a |\n| --- |\n| x\\|y |');
  });

  it('parses flags', () => {
    expect(parseArgs(['--quick', '--connections', '500', '--phases=history'])).toEqual({ quick: true, connections: '500', phases: 'history' });
  });
});
