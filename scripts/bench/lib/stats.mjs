/**
 * Pure helpers of the benchmark harness: percentiles, summaries and the text table. No I/O, no timers,
 * so the vitest smoke test can run them without starting anything.
 */

/** The p-th percentile (0–100) of `sorted` (ascending), nearest-rank; undefined when empty. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** count, p50/p95/p99/max and mean of a list of numbers (milliseconds, usually). */
export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  if (sorted.length === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sum / sorted.length,
  };
}

/** A number for the table: fixed decimals for small values, thousands separators for big ones. */
export function formatNumber(value, decimals = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (typeof value !== 'number') return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(decimals);
}

/** `a / b` as "0.42×", or "–" when either side is missing. */
export function formatRatio(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

/** "p50/p95/p99/max" of a summary, in ms. */
export function formatLatency(summary) {
  if (!summary || summary.count === 0) return '–';
  return [summary.p50, summary.p95, summary.p99, summary.max].map((v) => formatNumber(v, v < 10 ? 2 : 1)).join(' / ');
}

/**
 * A plain text table: `columns` are header names, `rows` arrays of cells (strings or numbers). Numbers are
 * right-aligned, text left-aligned. Returns the lines joined with "\n".
 */
export function formatTable(columns, rows) {
  const cells = rows.map((row) => columns.map((_, i) => (typeof row[i] === 'number' ? formatNumber(row[i]) : String(row[i] ?? ''))));
  const widths = columns.map((name, i) => Math.max(name.length, ...cells.map((row) => row[i].length)));
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((row) => typeof row[i] === 'number' || row[i] === undefined));
  const line = (row) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ').trimEnd();
  return [line(columns), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** The same table as Markdown (for BENCHMARKS.md). */
export function formatMarkdownTable(columns, rows) {
  const cells = rows.map((row) => columns.map((_, i) => (typeof row[i] === 'number' ? formatNumber(row[i]) : String(row[i] ?? '')).replace(/\|/g, '\\|')));
  return [`| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...cells.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** "met" / "NOT met" / "n/a" for a value against a limit (`atMost` or `atLeast`). */
export function verdict(value, { atMost, atLeast } = {}) {
  if (typeof value !== 'number' || Number.isNaN(value)) return 'n/a';
  if (atMost !== undefined) return value <= atMost ? 'met' : 'NOT met';
  if (atLeast !== undefined) return value >= atLeast ? 'met' : 'NOT met';
  return 'n/a';
}

/** Parses `--name value`, `--name=value` and bare `--flag` arguments. */
export function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) options[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) options[name] = argv[++i];
    else options[name] = true;
  }
  return options;
}

/** The cumulative buckets `[{ le, count }]` (seconds, ascending, +Inf last) of histogram `name` in Prometheus text. */
export function histogramBuckets(text, name) {
  const prefix = `${name}_bucket{le="`;
  const buckets = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    const end = line.indexOf('"', prefix.length);
    const le = line.slice(prefix.length, end);
    buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: Number(line.slice(line.lastIndexOf(' ') + 1)) });
  }
  return buckets.sort((a, b) => a.le - b.le);
}

/** The value of gauge `name` (no labels) in Prometheus text, or null when it is not there. */
export function gaugeValue(text, name) {
  const prefix = `${name} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? null : Number(line.slice(prefix.length));
}

/** A counter's growth between two scrapes, in microseconds per `count` (e.g. CPU seconds per message); null when either lacks it or count is 0. */
export function microsPer(before, after, name, count) {
  const start = gaugeValue(before, name);
  const end = gaugeValue(after, name);
  return start === null || end === null || !(count > 0) ? null : ((end - start) * 1e6) / count;
}

/** What was observed between two scrapes: `after` minus `before`, bucket by bucket. */
export function bucketsSince(before, after) {
  const earlier = new Map(before.map((bucket) => [bucket.le, bucket.count]));
  return after.map((bucket) => ({ le: bucket.le, count: bucket.count - (earlier.get(bucket.le) ?? 0) }));
}

/**
 * The q-quantile (0–1) of cumulative buckets in milliseconds, interpolated linearly inside its bucket as
 * Prometheus' histogram_quantile does; a quantile past the last finite bound reads as that bound with ">".
 * Null when nothing was observed.
 */
export function bucketQuantile(buckets, q) {
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (count >= rank) {
      if (le === Infinity) return `>${formatNumber(lower * 1000, 1)}`;
      const inside = count - below;
      const fraction = inside > 0 ? (rank - below) / inside : 1;
      return (lower + (le - lower) * fraction) * 1000;
    }
    lower = le;
    below = count;
  }
  return null;
}
