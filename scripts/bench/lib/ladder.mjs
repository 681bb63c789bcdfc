/**
 * The rate ladder, for one or more contenders (Parley and the baseline) in the same minutes: at each rate
 * every contender runs its step in turn, and which goes first alternates from repeat to repeat, so the ratio
 * compares the same disk and the same machine, not one ladder run minutes after the other.
 *
 * After a contender's first failure only the fixed rates still run for it (so 500/2,000/5,000 are always
 * reported), it stops after the highest fixed rate once it has failed, and an overloaded step (< 90 %
 * delivered) ends its ladder: more load would only measure its queue.
 *
 * `run(contender, rate)` runs one measured step and returns it (`sent`, `delivered`, `sustained`, `throughput`
 * and `roundTrip` or `visitorToAgent`); `warmUp(contender)` runs a discarded one; `report(contender, rate, step)`
 * hears each rate's median run. Returns, per contender, `{ steps, maxSustainedRate, peakThroughput }`.
 */
export async function ladder({ contenders, rates, fixedRates, repeat, run, warmUp = async () => {}, report = () => {} }) {
  const maxFixed = Math.max(...fixedRates.filter((rate) => rates.includes(rate)), 0);
  const lanes = contenders.map((contender) => ({ contender, steps: [], failures: 0, stopped: false }));
  for (const lane of lanes) await warmUp(lane.contender);
  for (const rate of [...rates].sort((a, b) => a - b)) {
    const fixed = fixedRates.includes(rate);
    const active = lanes.filter((lane) => !lane.stopped && (lane.failures === 0 || fixed));
    if (active.length === 0) break;
    // A fixed rate runs `repeat` times: on a shared 2-core machine one run's p99 can be another process's
    // scheduling hiccup; the median run is reported, and every run's p99 is kept.
    const runs = new Map(active.map((lane) => [lane, []]));
    for (let index = 0; index < (fixed ? repeat : 1); index += 1) {
      for (const lane of index % 2 === 0 ? active : [...active].reverse()) {
        const done = runs.get(lane);
        if (done.length > 0 && overloaded(done.at(-1))) continue; // repeating only measures the queue
        done.push(await run(lane.contender, rate));
      }
    }
    for (const lane of active) {
      const step = medianRun(runs.get(lane));
      lane.steps.push(step);
      report(lane.contender, rate, step);
      if (!step.sustained) lane.failures += 1;
      if (lane.failures > 0 && rate >= maxFixed) lane.stopped = true;
      if (overloaded(step)) {
        lane.steps.push(...rates.filter((next) => next > rate && fixedRates.includes(next)).map((next) => ({ rate: next, skipped: `overloaded at ${rate}/s` })));
        lane.stopped = true;
      }
    }
  }
  return lanes.map(({ steps }) => {
    const measured = steps.filter((step) => !step.skipped);
    return {
      steps,
      maxSustainedRate: measured.filter((step) => step.sustained).reduce((max, step) => Math.max(max, step.rate), 0),
      peakThroughput: measured.reduce((max, step) => Math.max(max, step.throughput), 0),
    };
  });
}

/** Fewer than 90 % delivered: what was not is still queued in the server. */
const overloaded = (step) => step.delivered < step.sent * 0.9;

export const p99Of = (step) => (step.roundTrip ?? step.visitorToAgent)?.p99 ?? Infinity;

/** The run with the median p99 (the lower middle of an even count), with every run's p99 when there are several. */
export function medianRun(runs) {
  const step = [...runs].sort((x, y) => p99Of(x) - p99Of(y))[Math.floor((runs.length - 1) / 2)];
  if (runs.length > 1) step.runsP99 = runs.map(p99Of);
  return step;
}
