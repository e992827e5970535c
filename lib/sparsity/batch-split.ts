// Batching on a phone's two kinds of unit, PowerInfer-2 style [arXiv 2406.06282 v3, §4.1]: the hottest neurons of
// each layer go to a dense unit (an NPU, which computes every row it holds), the rest to a sparse unit (CPU cores,
// which compute only the rows some sequence needs). batchUnion gives, per neuron, how often it was needed by at least
// one of B sequences; ranked by a profile's hot order, that prices the split for any hot share without running the
// model again.
import type { LanguageModel } from '../model.ts';
import { batchUnion } from './batch-union.ts';

export interface BatchSettings {
  /** Largest batch: the run decodes this many continuations; every smaller B is its first B. */
  batch: number;
  /** Decode steps measured. */
  steps: number;
  /** Sampling temperature (0 is greedy: every continuation is the same). */
  temperature: number;
  seed: number;
}

export interface BatchRun {
  batchSizes: number[];
  steps: number;
  nLayer: number;
  nFfn: number;
  /** [B index][layer] share of the layer's neurons active for at least one sequence (batchUnion's). */
  union: number[][];
  /** [B index] the same, mean over layers. */
  mean: number[];
  /**
   * [B index][layer][rank] share of decode steps on which the neuron of hot rank `rank` (0 = most often active in
   * the profile) was in the union. Summed over ranks and divided by nFfn it is `union`.
   */
  byRank: Float32Array[][];
  /** The first continuations, for the caption. */
  texts: string[];
}

/** Reorder per-neuron values [layer][neuron] by `hotOrder` ([layer] neuron indices, hottest first). */
export function byHotRank(perNeuron: Float32Array[], hotOrder: ArrayLike<number>[]): Float32Array[] {
  return perNeuron.map((row, l) => Float32Array.from({ length: row.length }, (_, k) => row[hotOrder[l][k]]));
}

/** batchUnion for B = 1..`batch`, with every neuron's union share ranked by `hotOrder` (the profile's, hottest first). */
export function measureBatch(
  model: LanguageModel,
  prompt: string,
  hotOrder: ArrayLike<number>[],
  v: BatchSettings,
): BatchRun {
  const { nLayer: L, nFfn: F } = model.config;
  if (hotOrder.length !== L || hotOrder.some((o) => o.length !== F))
    throw new Error(`measureBatch: hotOrder must be ${L} orders of ${F} neurons`);
  const batchSizes = Array.from({ length: v.batch }, (_, k) => k + 1);
  const r = batchUnion(model, prompt, {
    batchSizes,
    steps: v.steps,
    seed: v.seed,
    temperature: v.temperature,
    perNeuron: true,
  });
  const byRank = r.perNeuron!.map((layers) => byHotRank(layers, hotOrder));
  return {
    batchSizes,
    steps: r.steps,
    nLayer: L,
    nFfn: F,
    union: r.union,
    mean: r.mean,
    byRank,
    texts: r.texts.slice(0, 3),
  };
}

export interface SplitRow {
  batch: number;
  /** Shares of the layer's neurons per decode step, mean over layers. */
  union: number;
  /** Rows the dense unit computes: all hot rows, needed or not. */
  dense: number;
  /** Of those, rows some sequence actually needed. */
  denseNeeded: number;
  /** Rows the sparse unit computes: cold neurons active for some sequence (a perfect predictor). */
  sparse: number;
  /** dense / (dense + sparse): the dense unit's share of the rows computed. */
  denseShare: number;
  /** denseNeeded / dense: how much of the dense work is useful (1 when there is no dense work). */
  denseUseful: number;
}

/** The hot/cold split for hot share `hot` (of each layer's neurons), per batch size, from a run's ranked union. */
export function splitAt(run: BatchRun, hot: number): SplitRow[] {
  const F = run.nFfn;
  const k = Math.round(Math.min(1, Math.max(0, hot)) * F);
  return run.batchSizes.map((batch, bi) => {
    let needed = 0;
    let sparse = 0;
    for (const row of run.byRank[bi]) {
      for (let r = 0; r < F; r++) {
        if (r < k) needed += row[r];
        else sparse += row[r];
      }
    }
    const L = run.nLayer;
    const dense = k / F;
    const denseNeeded = needed / (L * F);
    const sp = sparse / (L * F);
    return {
      batch,
      union: run.mean[bi],
      dense,
      denseNeeded,
      sparse: sp,
      denseShare: dense + sp > 0 ? dense / (dense + sp) : 0,
      denseUseful: dense > 0 ? denseNeeded / dense : 1,
    };
  });
}
