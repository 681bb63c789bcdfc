/**
 * `npm run bench` options from the command line, checked before anything starts: an unknown flag, a phase
 * that does not exist or a count that is not a positive whole number stops the run with a usage error
 * (exit 2) instead of running ten minutes with a default or with NaN.
 */
import { parseArgs } from './stats.mjs';

export const PHASES = ['connections', 'conversations', 'history', 'widget'];
const FULL_RATES = '100,250,500,1000,1500,2000,2500,3000,4000,5000,7500,10000,15000,20000';
const FLAGS = ['quick', 'cpu-prof', 'skip-baseline'];
const COUNTS = ['connections', 'visitors', 'agents', 'step-seconds', 'repeat', 'messages', 'history-conversations', 'samples', 'searches', 'workers'];
const LISTS = ['phases', 'rates'];

export class UsageError extends Error {}

function count(args, name, fallback, max = Infinity) {
  const raw = args[name];
  if (raw === undefined) return fallback;
  const value = raw === true ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`--${name} must be a whole number from 1${max === Infinity ? ' up' : ` to ${max}`} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

function list(args, name, fallback) {
  const raw = args[name] ?? fallback;
  if (raw === true || String(raw).trim() === '') throw new UsageError(`--${name} needs a comma-separated list`);
  return String(raw).split(',').map((item) => item.trim());
}

/** Throws a UsageError naming the first bad argument. */
export function benchOptions(argv) {
  const args = parseArgs(argv);
  const stray = argv.find((arg) => !arg.startsWith('--') && !Object.values(args).includes(arg));
  if (stray !== undefined) throw new UsageError(`unexpected argument ${JSON.stringify(stray)}`);
  for (const name of Object.keys(args)) {
    if (!FLAGS.includes(name) && !COUNTS.includes(name) && !LISTS.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (FLAGS.includes(name) && args[name] !== true) throw new UsageError(`--${name} takes no value`);
  }
  const quick = Boolean(args.quick);
  const phases = list(args, 'phases', PHASES.join(','));
  const unknown = phases.find((phase) => !PHASES.includes(phase));
  if (unknown !== undefined) throw new UsageError(`unknown phase ${JSON.stringify(unknown)} (phases: ${PHASES.join(', ')})`);
  const rates = list(args, 'rates', quick ? '200,500,1000' : FULL_RATES).map(Number);
  if (rates.some((rate) => !Number.isInteger(rate) || rate < 1)) throw new UsageError(`--rates must be whole messages per second, comma-separated (got ${JSON.stringify(args.rates)})`);
  return {
    quick,
    phases,
    connections: count(args, 'connections', quick ? 500 : 10_000),
    visitors: count(args, 'visitors', quick ? 200 : 1000),
    agents: count(args, 'agents', quick ? 4 : 10),
    rates,
    fixedRates: [500, 2000, 5000],
    stepSeconds: count(args, 'step-seconds', quick ? 2 : 10),
    // The fixed rates (500/2,000/5,000) run this many times; the table shows the run with the median p99.
    repeat: count(args, 'repeat', quick ? 1 : 3),
    messages: count(args, 'messages', quick ? 20_000 : 1_000_000),
    historyConversations: count(args, 'history-conversations', quick ? 2_000 : 100_000),
    samples: count(args, 'samples', quick ? 100 : 1000),
    searches: count(args, 'searches', quick ? 30 : 300),
    cpuProf: Boolean(args['cpu-prof']),
    // For A/B runs of Parley alone: the conversations phase leaves out its baseline (ratios show as –).
    skipBaseline: Boolean(args['skip-baseline']),
    workers: count(args, 'workers', 2, 16),
    latencyLimitMs: 50,
  };
}
