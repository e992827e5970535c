// A constructed model with the activation outliers large LLMs grow, computing exactly target-v1's function.
// Large trained transformers carry a few hidden dimensions whose activations are far larger than the rest:
//   LLM.int8() (arXiv 2208.07339, §1 and §3): "magnitudes up to 20x larger than in other dimensions", in "only 6
//     feature dimensions across the entire transformer" at 6.7B, "about 0.1% of all input features"; the same
//     dimensions in every layer.
//   SmoothQuant (arXiv 2211.10438, §3): "the scale of outliers in activations is ~100× larger than most of the
//     activation values", persisting in fixed channels.
// Our 4-layer model has no such channel (its LayerNorm outputs' largest channel is 1.2–2.6× the median). We plant
// them. Where: in the input channels the model relies on most, found by LLM.int8()'s own test (§1: zeroing the
// outlier dimensions "degrades validation perplexity by 600-1000%", as many random ones "by about 0.1%"): delete each
// input channel of a layer in turn and measure the loss (channelAblation). That matters because at 3 bits RTN rounds
// a planted row (w/s) to exactly zero, deleting the channel: the outlier model's RTN loss is about what deleting the
// planted channels costs (deleteChannels measures it), large only if the model needs them.
// How: multiply channel c by s where it is produced (a LayerNorm's gain and bias, V's columns, mlp.up's columns) and
// divide row c of the linear layer that reads it by s. In exact arithmetic the logits do not change:
// (s·x_c)·(w_c/s) = x_c·w_c. This is foldScales with scale 1/s on that one input row, so one definition serves both.
// What changes is what a quantizer sees: an input channel with ratio× the median channel's mean |x|, and weights in
// that row ratio× smaller than their neighbours, the structure AWQ §3.1 finds in OPT.
import type { GPTConfig } from '../config.ts';
import type { CalibrationStats } from './calibration.ts';
import type { LanguageModel } from '../model.ts';
import { tokenNll } from '../sampling.ts';
import { median } from '../stats.ts';
import { foldScales } from './fold.ts';
import { keepCount } from './salient.ts';

/** The figure we plant, and its source: LLM.int8() §1, "magnitudes up to 20x larger than in other dimensions". */
export const OUTLIER_RATIO = 20;
/** How many channels per layer: AWQ §3.1's "1% of salient weights" (1 of our 128 channels, 5 of 512). */
export const OUTLIER_FRACTION = 0.01;
/** How many calibration windows the channel ablation runs on (scripts/quantize.ts plant): a forward pass per input
 *  channel of every layer (3,584 for target-v1) must fit a build machine's minutes. */
export const ABLATION_WINDOWS = 4;

export interface OutlierModel {
  weights: Record<string, Float32Array>;
  /** The planted input channels per linear layer ("h.0.attn.qkv": [17], …). */
  channels: Record<string, number[]>;
  /** Their scales s, in the same order. */
  scales: Record<string, number[]>;
  ratio: number;
}

/** Which linear layers get a planted channel: those fed by a LayerNorm (the brief's case), or every linear layer. */
export type OutlierSites = 'layernorm' | 'all';

export function outlierLayers(cfg: GPTConfig, sites: OutlierSites): string[] {
  const kinds = sites === 'layernorm' ? ['attn.qkv', 'mlp.up'] : ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down'];
  return Array.from({ length: cfg.nLayer }, (_, l) => kinds.map((k) => `h.${l}.${k}`)).flat();
}

/** Mean next-token loss (nats) over `windows` of token ids (all of one length), with `overrides` for this call only. */
function windowsLoss(model: LanguageModel, windows: number[][], overrides?: Record<string, Float32Array>): number {
  const logits = model.forward(
    windows.map((w) => w.slice(0, -1)),
    { overrides },
  ).logits;
  let sum = 0,
    n = 0;
  logits.forEach((seq, b) =>
    seq.forEach((row, t) => {
      sum += tokenNll(row, windows[b][t + 1]);
      n++;
    }),
  );
  return sum / n;
}

/**
 * What the model loses without each input channel of one linear layer: the mean loss (nats/token) on `windows` with
 * row i of the layer's weight set to zero, minus the unchanged model's, for every i. This is LLM.int8()'s test of
 * which dimensions a model relies on (§1: zeroing the outlier dimensions "degrades validation perplexity by
 * 600-1000%", zeroing as many random ones "by about 0.1%"). One forward pass per channel.
 */
export function channelAblation(model: LanguageModel, windows: number[][], layer: string): Float64Array {
  if (windows.length === 0 || windows.some((w) => w.length !== windows[0].length || w.length < 2))
    throw new Error('channelAblation: need windows of token ids, all of one length of at least 2');
  const { weight, shape } = model.getLinear(layer);
  const [inDim, outDim] = shape;
  const base = windowsLoss(model, windows);
  const rise = new Float64Array(inDim);
  for (let i = 0; i < inDim; i++)
    rise[i] = windowsLoss(model, windows, { [`${layer}.weight`]: zeroRows(weight, outDim, [i]) }) - base;
  return rise;
}

/** A copy of W [in, out] with the rows of `rows` set to zero: those input channels deleted. */
const zeroRows = (w: Float32Array, outDim: number, rows: number[]) => {
  const out = w.slice();
  for (const i of rows) out.fill(0, i * outDim, (i + 1) * outDim);
  return out;
};

/**
 * The weights with the given input channels of each linear layer deleted (weight rows zeroed). On target-v1 with the
 * planted channels, this is what RTN does to the outlier model when it rounds every planted row to zero: its loss
 * rise is the most that rounding them away can cost.
 */
export function deleteChannels(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  channels: Record<string, number[]>,
): Record<string, Float32Array> {
  const out = { ...weights };
  for (const [n, cs] of Object.entries(channels)) {
    const w = weights[`${n}.weight`];
    if (!w) throw new Error(`deleteChannels: no linear layer ${n}`);
    out[`${n}.weight`] = zeroRows(w, w.length / (n.endsWith('mlp.down') ? cfg.nFfn : cfg.nEmbd), cs);
  }
  return out;
}

/** The `count` channels whose removal costs most (largest rise first; ties to the lower index). */
export function mostNeeded(rise: ArrayLike<number>, count: number): number[] {
  return Array.from(rise, (r, i) => [r, i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, count)
    .map(([, i]) => i);
}

/**
 * The channels to plant in: per linear layer of `sites`, the 1% (OUTLIER_FRACTION) whose removal costs `model` most
 * on `windows` (channelAblation), with every channel's cost. Large models' outlier dimensions are the ones they rely
 * on (LLM.int8() §1), so this is where a constructed outlier must sit for rounding it away to cost what it costs them.
 */
export function chooseOutlierChannels(
  model: LanguageModel,
  windows: number[][],
  sites: OutlierSites = 'all',
  fraction = OUTLIER_FRACTION,
): { channels: Record<string, number[]>; rise: Record<string, Float64Array> } {
  const channels: Record<string, number[]> = {};
  const rise: Record<string, Float64Array> = {};
  for (const n of outlierLayers(model.config, sites)) {
    rise[n] = channelAblation(model, windows, n);
    channels[n] = mostNeeded(rise[n], keepCount(fraction, rise[n].length));
  }
  return { channels, rise };
}

/**
 * Plants an outlier in each chosen input channel c of each linear layer (`channels`, from chooseOutlierChannels):
 * c is scaled so that its mean |x| on the calibration text becomes `ratio` times the layer input's median channel,
 * and row c of the layer's weight is divided by the same s. `stats` come from `calibrate` on the unchanged model.
 */
export function plantOutliers(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  stats: CalibrationStats,
  channels: Record<string, number[]>,
  { ratio = OUTLIER_RATIO } = {},
): OutlierModel {
  if (!(ratio > 0 && Number.isFinite(ratio))) throw new Error(`plantOutliers: ratio must be positive, got ${ratio}`);
  const scales: Record<string, number[]> = {};
  const fold: Record<string, Float32Array> = {};
  for (const [n, cs] of Object.entries(channels)) {
    const st = stats[n];
    if (!st) throw new Error(`plantOutliers: no calibration statistics for ${n}`);
    for (const c of cs)
      if (!(Number.isInteger(c) && c >= 0 && c < st.inDim))
        throw new Error(`plantOutliers: channel ${c} of ${n} is not one of its ${st.inDim} input channels`);
    const mid = median(st.meanAbs);
    // Never below 1: a channel that is already an outlier (some ReLU outputs are) is left as it is, not shrunk.
    scales[n] = cs.map((c) => Math.max(1, (ratio * mid) / st.meanAbs[c]));
    fold[n] = new Float32Array(st.inDim).fill(1);
    // foldScales multiplies the row by 1/s and the operator before it by s
    cs.forEach((c, k) => (fold[n][c] = 1 / scales[n][k]));
  }
  return { weights: foldScales(cfg, weights, fold), channels, scales, ratio };
}
