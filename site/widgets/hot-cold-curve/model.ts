// HotColdCurve as plain data (no DOM): the three placements (random, hottest-first, exact grouped optimum with
// PowerInfer's "zero or at least C_l neurons per layer" rule) priced by lib/sparsity/placement.ts on PowerInfer's
// PC-High figures (text.ts says them). Used at build time for the static first view and in the browser as the budget
// slider moves.
import { neuronBytes, type VectorSize } from '../../../lib/hardware/neuron-bytes.ts';
import { PC_HIGH } from '../../../lib/hardware/devices.ts';
import { comparePlacements, minFastNeurons, type PlacementMethod } from '../../../lib/sparsity/placement.ts';
import { count, numberValue } from '../_kit/format.ts';
import type { HotColdValues } from './params.ts';

/** Neurons per placement group (PowerInfer groups 64 of its much wider layers; 8 keeps ours fine-grained). */
export const GROUP_SIZE = 8;
export const METHODS: readonly PlacementMethod[] = ['random', 'hottest', 'optimal'];

/** The weight-vector size lib/hardware prices for each size the widget offers. */
const VECTOR_SIZE: Record<HotColdValues['size'], VectorSize> = { ours: 'ours', '7b': 'fp16' };

export interface PlacementRow {
  method: PlacementMethod;
  servedShare: number;
  fastCounts: number[];
  msPerToken: number;
  tokensPerSecond: number;
  speedup: number;
}

export interface PlacementTable {
  /** The budget as set, a share of all neurons, and the neurons it allows. */
  budget: number;
  budgetNeurons: number;
  totalNeurons: number;
  neuronBytes: number;
  /** C_l: a layer puts 0 or at least this many neurons on the GPU. */
  minFast: number;
  allSlowMs: number;
  rows: PlacementRow[];
}

/** All three placements of `freqs` (per layer, per neuron activation frequency) at a budget share of all neurons. */
export function placementTable(
  freqs: ArrayLike<number>[],
  budget: number,
  size: HotColdValues['size'],
  nEmbd: number,
): PlacementTable {
  const total = freqs.reduce((n, f) => n + f.length, 0);
  const bytes = neuronBytes(VECTOR_SIZE[size], nEmbd);
  const budgetNeurons = Math.round(Math.min(1, Math.max(0, budget)) * total);
  const all = comparePlacements(freqs, {
    budgetNeurons,
    neuronBytes: bytes,
    groupSize: GROUP_SIZE,
    hardware: PC_HIGH,
    seed: 1,
  });
  const rows = METHODS.map((method): PlacementRow => {
    const p = all[method];
    return {
      method,
      servedShare: p.servedShare,
      fastCounts: p.fastCounts,
      msPerToken: p.msPerToken,
      tokensPerSecond: p.msPerToken > 0 ? 1000 / p.msPerToken : Infinity,
      speedup: p.speedup,
    };
  });
  return {
    budget,
    budgetNeurons,
    totalNeurons: total,
    neuronBytes: bytes,
    minFast: minFastNeurons(PC_HIGH, bytes),
    allSlowMs: all.optimal.allSlowMsPerToken,
    rows,
  };
}

/** Tokens per second as the table prints it (∞ when nothing is timed). */
export const rate = (v: number) => (Number.isFinite(v) ? count(Math.round(v)) : '∞');

/** SVG polyline points for a cumulative curve in a plot box (x0, y0 top-left; w × h), for the static first view. */
export function curvePoints(curve: { x: number; y: number }[], x0: number, y0: number, w: number, h: number): string {
  return curve.map((p) => `${numberValue(x0 + p.x * w, 1)},${numberValue(y0 + (1 - p.y) * h, 1)}`).join(' ');
}
