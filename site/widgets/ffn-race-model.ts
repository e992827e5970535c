// The parts of FfnRace that are plain data (no DOM): its URL state, the sparsities of the sweep, and the sentences
// that describe a race. Used at build time for the static first view and in the browser.
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { formatMs, grouped, percent } from './vecmat-scale-model.ts';

export const RACE_SPEC = {
  layer: { kind: 'number', min: 0, max: 7, integer: true },
  /** Share of neurons skipped when `exact` is off. */
  sparsity: { kind: 'number', min: 0, max: 0.99 },
  /** Compute exactly the neurons that fire for this token (the measured sparsity). */
  exact: { kind: 'bool' },
  repeats: { kind: 'number', min: 1, max: 25, integer: true },
} as const satisfies StateSpec;
export type RaceValues = StateValues<typeof RACE_SPEC>;
export const RACE_EXTRA_CONTROLS = ['sweep', 'chart'] as const;
/** Sparsities visited by "Sweep". */
export const RACE_SWEEP = [0, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

export interface RaceSide {
  backend: string;
  activeCount: number;
  sparsity: number;
  trueActiveCount: number;
  denseMs: number;
  sparseMs: number;
  speedup: number;
  idealSpeedup: number;
  maxAbsDiff: number;
}

export const times = (r: number) => (Number.isFinite(r) && r > 0 ? `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×` : '–');
export const diff = (d: number) => (d === 0 ? '0' : d.toExponential(1));

/** What the static view can say before anything is timed: how many neurons fire for the race's token. */
export function planText(layer: number, active: number, nFfn: number): string {
  return `For the race's token, ${grouped(active)} of layer ${layer}'s ${grouped(nFfn)} neurons fire (${percent(1 - active / nFfn)} zeros). Computing only those reads ${grouped(active)} of ${grouped(nFfn)} columns of W_up and rows of W_down: at best ${times(nFfn / Math.max(1, active))} less work.`;
}

export function raceSummary(js: RaceSide, tf: RaceSide, nFfn: number): string {
  return `${grouped(js.activeCount)} of ${grouped(nFfn)} neurons computed (${percent(js.sparsity)} skipped; ${grouped(js.trueActiveCount)} really fire). Plain JS: dense ${formatMs(js.denseMs)}, sparse ${formatMs(js.sparseMs)}, ${times(js.speedup)} faster. TensorFlow.js on ${tf.backend}: dense ${formatMs(tf.denseMs)}, gather ${formatMs(tf.sparseMs)}, ${times(tf.speedup)}. Ideal ${times(js.idealSpeedup)}. Largest difference from dense: ${diff(Math.max(js.maxAbsDiff, tf.maxAbsDiff))}.`;
}
