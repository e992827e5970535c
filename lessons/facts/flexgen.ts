// Lesson 5 (FlexGen): every number the lesson places, as numbers, computed from lib/offload and the committed
// measurements in site/data/flexgen-results.json. The MDX formats them when it shows them.
import { costModel, evaluatePlacement, type PlacementCost } from '../../lib/offload/cost-model.ts';
import { GiB, T4_FITTED } from '../../lib/hardware/offload-machine.ts';
import { PAPER_RUNS } from '../../lib/offload/paper.ts';
import { DEFAULT_GBS, DEFAULT_MAX_BLOCK, DEFAULT_NB } from '../../lib/offload/policy-search.ts';
import { kvCacheBytes, OPT_SHAPES, weightBytes } from '../../lib/offload/shapes.ts';
import results from '../../site/data/flexgen-results.json' with { type: 'json' };
import { bilingual } from '../../site/i18n/text.ts';
import { duration, sig } from '../../site/widgets/_kit/format.ts';

export { GiB };
export const machine = results.machine;

/** OPT-175B in fp16: weights, and the KV cache's peak at b = 512, s = 512, n = 32 (bytes) [§3]. */
export const opt175Bytes = {
  weights: weightBytes(OPT_SHAPES['opt-175b']),
  kvPeak: kvCacheBytes(OPT_SHAPES['opt-175b'], 512, 512, 32),
};

/** The zig-zag executor on our model: the row-by-row row and the biggest block. */
export const executor = results.executor;
export const rowByRow = executor.rows[0];
export const biggestBlock = executor.rows[executor.rows.length - 1];
/** A schedule's name in each edition, from the one the measuring script writes ("row-by-row", "zig-zag block 2×4"). */
export const scheduleName = bilingual({
  en: (schedule: string) => schedule,
  zh: (schedule: string) => schedule.replace(/^row-by-row$/, '逐行').replace(/^zig-zag block /, '之字形块 '),
});

const run30 = PAPER_RUNS.find((r) => r.model === 'opt-30b' && r.system === 'FlexGen');
if (!run30) throw new Error('lib/offload/paper.ts has no FlexGen OPT-30B run');
const cm30 = (cpuDelegation: boolean) =>
  costModel(OPT_SHAPES['opt-30b'], T4_FITTED, { s: 512, n: 32, gbs: run30.gbs, nb: run30.nb }, { cpuDelegation });

/** OPT-30B at the paper's policy (block 48 × 3, cache and activations on the CPU), with and without CPU delegation. */
export const delegation: { on: PlacementCost; off: PlacementCost } = {
  on: evaluatePlacement(cm30(true), run30.placement),
  off: evaluatePlacement(cm30(false), run30.placement),
};

/**
 * OPT-30B at the paper's policy under the paper's plain maximum of five terms per step, with the same fitted
 * constants: what the lesson sets beside the script's form, which lib/offload uses (tokens/s).
 */
export const opt30PlainMaxThroughput = (() => {
  const e = delegation.on;
  const max5 = (t: PlacementCost['decode']) => Math.max(t.ctog, t.gtoc, t.dtoc, t.ctod, t.comp);
  const l = OPT_SHAPES['opt-30b'].l;
  return (e.throughput * e.blockSeconds) / (l * max5(e.prefill) + 31 * l * max5(e.decode));
})();

/**
 * The compute term of OPT-30B's decode step with delegation, split: the GPU's matmuls (the term's constant part)
 * and the CPU's attention over the cache (the rest, since the whole cache is on the CPU). Seconds per layer.
 */
export const opt30Compute = (() => {
  const total = delegation.on.decode.comp;
  const gpuMatmul = cm30(true).decode.comp.c;
  return { total, gpuMatmul, cpuAttention: total - gpuMatmul, cpuAttentionShare: (total - gpuMatmul) / total };
})();

/** Cost-model rows beside Table 2, by paper model and system. */
export const costModelRows = results.costModel;
const row = (model: string) => {
  const r = results.costModel.find((x) => x.model === model && x.system === 'FlexGen');
  if (!r) throw new Error(`flexgen-results.json has no FlexGen row for ${model}`);
  return r;
};
export const opt30Row = row('OPT-30B');
export const opt175Row = row('OPT-175B');

/** How many (gbs, nb) pairs the search may try: its default grid up to its largest block (it stops a gbs early when a block no longer fits). */
export const searchPairsAtMost = DEFAULT_GBS.flatMap((gbs) =>
  DEFAULT_NB.filter((nb) => gbs * nb <= DEFAULT_MAX_BLOCK),
).length;

export const compression = results.compression;
/** Our model's 4-bit rows: float32 first, then by weight and cache bits. */
export const compressionRow = (weightBits: number | null, cacheBits: number | null) => {
  const r = compression.rows.find((x) => x.weightBits === weightBits && x.cacheBits === cacheBits);
  if (!r) throw new Error(`flexgen-results.json has no compression row for ${weightBits}/${cacheBits}`);
  return r;
};
/** Perplexity change with 4-bit weights and cache, as a share of float32's (ours, and the paper's Table 5). */
export const perplexityRise = {
  ours: compressionRow(4, 4).perplexity / compressionRow(null, null).perplexity - 1,
  opt175: 10.94 / 10.82 - 1,
  opt30: 12.9 / 12.72 - 1,
};

/** The KV cache's peak for OPT-175B in TiB (binary units, as the lesson prints it). */
export const opt175KvPeakTiB = opt175Bytes.kvPeak / 2 ** 40;
/** Bytes as a number of KiB, for the Stats and table columns that say KiB. */
export const kibOf = (b: number) => b / 1024;

// ---- Text through the kit's formatters ----
/** A cost-model term given in seconds, as a duration ("2.41 ms"). */
export const secondsText = (s: number) => duration(s * 1000);
/** A loss change with its sign and two significant digits ("+0.0061", "−0.002"). */
export const signedLoss = (d: number) => `${d >= 0 ? '+' : '−'}${sig(Math.abs(d), 2)}`;

// ---- Ratios the lesson quotes, as numbers ----
export const opt175WeightsGiB = opt175Bytes.weights / GiB;
/** The KV cache's peak against the weights, OPT-175B (the paper: 3.8×, §3). */
export const opt175KvOverWeights = opt175Bytes.kvPeak / opt175Bytes.weights;
/** The zig-zag's biggest block against row by row: times fewer weight bytes per token, times more peak KV cache. */
export const blockFewerWeightBytes = rowByRow.weightBytesPerToken / biggestBlock.weightBytesPerToken;
export const blockMoreKv = biggestBlock.peakKvBytes / rowByRow.peakKvBytes;
/** The cost model's throughput against the paper's measured one (Table 2). */
export const opt30AtPaperPolicyOverPaper = opt30Row.t4Fitted.atPaperPolicy.throughput / opt30Row.paper.throughput;
export const opt30LpBestOverPaper = opt30Row.t4Fitted.lpBest.throughput / opt30Row.paper.throughput;
export const opt175PaperOverLpBest = opt175Row.paper.throughput / opt175Row.t4Fitted.lpBest.throughput;
/** 3-bit weights' loss increase against 4-bit's, and fp16's bytes against 4-bit's, on our model. */
export const weights3Over4 = compressionRow(3, null).delta / compressionRow(4, null).delta;
export const fp16Over4BitBytes = compression.sizes[4].weights16 / compression.sizes[4].weightsB;
