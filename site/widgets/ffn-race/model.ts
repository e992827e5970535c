// FfnRace as plain data (no DOM): the sparsities of the sweep and the sentences that describe a race. Used at build
// time for the static first view and in the browser. The race itself is lib/sparsity/race.ts, in the worker.
import type { FfnRaceResult } from '../../../lib/sparsity/race.ts';
import { count, duration, percent, times } from '../_kit/format.ts';

/** Sparsities visited by "Sweep". */
export const RACE_SWEEP = [0, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

/** One kernel's side of a race, as lib/sparsity/race.ts reports it. */
export type RaceSide = FfnRaceResult;

/** A speed-up, or a dash when there is none to show. */
export const speedup = (r: number) => (Number.isFinite(r) && r > 0 ? times(r) : '–');
/** The largest difference from dense. */
export const diff = (d: number) => (d === 0 ? '0' : d.toExponential(1));

/** What the static view can say before anything is timed: how many neurons fire for the race's token. */
export function planText(layer: number, active: number, nFfn: number): string {
  return `For the race's token, ${count(active)} of layer ${layer}'s ${count(nFfn)} neurons fire (${percent(1 - active / nFfn)} zeros). Computing only those reads ${count(active)} of ${count(nFfn)} columns of W_up and rows of W_down: at best ${speedup(nFfn / Math.max(1, active))} less work.`;
}

export function raceSummary(js: RaceSide, tf: RaceSide, nFfn: number): string {
  return `${count(js.activeCount)} of ${count(nFfn)} neurons computed (${percent(js.sparsity)} skipped; ${count(js.trueActiveCount)} really fire). Plain JS: dense ${duration(js.denseMs)}, sparse ${duration(js.sparseMs)}, ${speedup(js.speedup)} faster. TensorFlow.js on ${tf.backend}: dense ${duration(tf.denseMs)}, gather ${duration(tf.sparseMs)}, ${speedup(tf.speedup)}. Ideal ${speedup(js.idealSpeedup)}. Largest difference from dense: ${diff(Math.max(js.maxAbsDiff, tf.maxAbsDiff))}.`;
}
