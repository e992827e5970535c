// The arithmetic behind BatchUnion, as plain data: run lib/sparsity's batchUnion (B sampled continuations of one
// prompt decoded as one batch) and, on the same run, record WHICH neurons were in each batch's union, so a hot/cold
// split can be priced for any hot share without running the model again.
//
// batchUnion reports only shares. The per-neuron view is taken by handing batchUnion a model whose forward() is
// watched (recordingModel below): the activations it records are the very ones batchUnion counts, and runBatch
// checks that the two agree. Used at build time (site/data/measured-phone.ts) and in the worker (phone-batch.ts).
import type { ForwardOptions, ForwardResult, LanguageModel } from '../../lib/model.ts';
import { batchUnion } from '../../lib/sparsity/batch-union.ts';
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { pct } from './phone-common.ts';

export const BATCH_SPEC = {
  /** Largest batch: the run decodes this many continuations; every smaller B is its first B. */
  batch: { kind: 'number', min: 1, max: 16, integer: true },
  /** Decode steps measured. */
  steps: { kind: 'number', min: 2, max: 48, integer: true },
  /** Sampling temperature; 0 is greedy, so every continuation is the same. */
  temp: { kind: 'number', min: 0, max: 2 },
  seed: { kind: 'number', min: 0, max: 99999, integer: true },
  /** Share of each layer's neurons, hottest first (by the profile), given to the dense unit. */
  hot: { kind: 'number', min: 0, max: 1 },
} as const satisfies StateSpec;
export type BatchValues = StateValues<typeof BATCH_SPEC>;
export const BATCH_DEFAULTS: BatchValues = { batch: 16, steps: 16, temp: 1, seed: 1, hot: 0.2 };
/** Hideable controls besides the parameters. */
export const BATCH_EXTRA_CONTROLS = ['split', 'run'] as const;

export interface BatchRun {
  batchSizes: number[];
  steps: number;
  nLayer: number;
  nFfn: number;
  /** [B index][layer] share of the layer's neurons active for at least one sequence (lib's batchUnion). */
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

/** A view of `model` whose forward() also hands every recorded FFN activation to `sink`. */
export function recordingModel(model: LanguageModel, sink: (ffnPost: Float32Array[]) => void): LanguageModel {
  return new Proxy(model, {
    get(target, prop) {
      if (prop === 'forward') {
        return (tokens: number[][], opts?: ForwardOptions): ForwardResult => {
          const out = target.forward(tokens, opts);
          if (opts?.record?.ffn && out.ffnPost) sink(out.ffnPost);
          return out;
        };
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/**
 * Runs batchUnion for B = 1..`batch` and ranks every neuron by `hotOrder` (per layer, neuron indices, hottest first:
 * the profile's hotOrder). Throws if the recorded activations do not reproduce batchUnion's own shares.
 */
export function runBatch(model: LanguageModel, prompt: string, hotOrder: ArrayLike<number>[], v: Pick<BatchValues, 'batch' | 'steps' | 'temp' | 'seed'>): BatchRun {
  const { nLayer: L, nFfn: F } = model.config;
  if (hotOrder.length !== L || hotOrder.some((o) => o.length !== F)) throw new Error(`runBatch: hotOrder must be ${L} orders of ${F} neurons`);
  const batchSizes = Array.from({ length: v.batch }, (_, k) => k + 1);
  const posts: Float32Array[][] = [];
  const r = batchUnion(recordingModel(model, (p) => posts.push(p)), prompt, { batchSizes, steps: v.steps, seed: v.seed, temperature: v.temp });
  if (posts.length !== r.steps) throw new Error(`runBatch: recorded ${posts.length} decode steps, batchUnion ran ${r.steps}`);
  const byRank = batchSizes.map(() => Array.from({ length: L }, () => new Float32Array(F)));
  const rankOf = hotOrder.map((order) => {
    const r = new Int32Array(F);
    for (let k = 0; k < F; k++) r[order[k]] = k;
    return r;
  });
  const seen = new Uint8Array(F);
  for (const post of posts) {
    for (let l = 0; l < L; l++) {
      seen.fill(0);
      for (let b = 0; b < v.batch; b++) {
        for (let i = 0; i < F; i++) if (post[l][b * F + i] > 0) seen[i] = 1;
        const row = byRank[b][l]; // batch size b + 1
        for (let i = 0; i < F; i++) if (seen[i]) row[rankOf[l][i]] += 1 / r.steps;
      }
    }
  }
  byRank.forEach((layers, k) => layers.forEach((row, l) => {
    const share = row.reduce((a, x) => a + x, 0) / F;
    if (Math.abs(share - r.union[k][l]) > 1e-4) throw new Error(`runBatch: per-neuron union ${share} disagrees with batchUnion's ${r.union[k][l]} (B=${k + 1}, layer ${l})`);
  }));
  return { batchSizes, steps: r.steps, nLayer: L, nFfn: F, union: r.union, mean: r.mean, byRank, texts: r.texts.slice(0, 3) };
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

/** The hot/cold split for hot share `hot`, per batch size, from a run's per-rank union. */
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

/** Batch sizes shown in the static table (those of the run among 1, 2, 4, 8, 16, plus the largest). */
export function tableBatches(batchSizes: number[]): number[] {
  const max = Math.max(...batchSizes);
  return [...new Set([1, 2, 4, 8, 16, max].filter((b) => batchSizes.includes(b)))].sort((a, b) => a - b);
}

/** One sentence on how the union grows, for the caption and the live summary. */
export function unionSentence(run: Pick<BatchRun, 'batchSizes' | 'mean' | 'steps'>): string {
  const last = run.batchSizes.length - 1;
  const B = run.batchSizes[last];
  if (B === 1) return `Over ${run.steps} decode steps, ${pct(run.mean[0])} of a layer's neurons fire per token on average (batch of 1).`;
  return (
    `Over ${run.steps} decode steps: one sequence fires ${pct(run.mean[0])} of a layer's neurons per step on average; ` +
    `a batch of ${B} needs ${pct(run.mean[last])} (${(run.mean[last] / Math.max(run.mean[0], 1e-9)).toFixed(1)}× as many).`
  );
}

/** One sentence on the hot/cold split at the smallest and largest batch. */
export function splitSentence(rows: SplitRow[], hot: number): string {
  const part = (r: SplitRow) =>
    `at B = ${r.batch}, the dense unit computes ${pct(r.dense)} of the rows (${pct(r.denseUseful)} of them needed) ` +
    `and the sparse unit ${pct(r.sparse)}, so the dense unit does ${pct(r.denseShare)} of the work`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const head = `With the hottest ${pct(hot, 0)} of each layer's neurons on the dense unit: `;
  return head + (first === last ? `${part(first)}.` : `${part(first)}; ${part(last)}.`);
}
