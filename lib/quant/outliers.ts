// A constructed model with the activation outliers large LLMs grow, computing exactly target-v1's function.
// Large trained transformers carry a few hidden dimensions whose activations are far larger than the rest:
//   LLM.int8() (arXiv 2208.07339, §1 and §3): "magnitudes up to 20x larger than in other dimensions", in "only 6
//     feature dimensions across the entire transformer" at 6.7B, "about 0.1% of all input features"; the same
//     dimensions in every layer.
//   SmoothQuant (arXiv 2211.10438, §3): "the scale of outliers in activations is ~100× larger than most of the
//     activation values", persisting in fixed channels.
// Our 4-layer model has no such channel (its LayerNorm outputs' largest channel is 1.2–2.6× the median). We plant one:
// for a chosen channel c of every LayerNorm output, multiply the LayerNorm's gain and bias at c by s, and divide row c
// of the linear layer that reads it (attn.qkv after ln_1, mlp.up after ln_2) by s. In exact arithmetic the logits do
// not change: (s·x_c)·(w_c/s) = x_c·w_c. This is foldScales with scale 1/s on that one input row, so one definition
// serves both. What changes is what a quantizer sees: an input channel with ratio× the median channel's mean |x|,
// and weights in that row ratio× smaller than their neighbours, the structure AWQ §3.1 finds in OPT.
import type { GPTConfig } from '../config.ts';
import type { CalibrationStats } from './calibration.ts';
import { foldScales } from './fold.ts';
import { keepCount } from './salient.ts';

/** The figure we plant, and its source: LLM.int8() §1, "magnitudes up to 20x larger than in other dimensions". */
export const OUTLIER_RATIO = 20;
/** How many channels per layer: AWQ §3.1's "1% of salient weights" (1 of our 128 channels, 5 of 512). */
export const OUTLIER_FRACTION = 0.01;

export interface OutlierModel {
  weights: Record<string, Float32Array>;
  /** The planted input channels per linear layer ("h.0.attn.qkv": [17], …). */
  channels: Record<string, number[]>;
  /** Their scales s, in the same order. */
  scales: Record<string, number[]>;
  ratio: number;
  sites: OutlierSites;
}

const median = (xs: ArrayLike<number>) => {
  const s = Array.from(xs).sort((a, b) => a - b);
  return s[s.length >> 1];
};

/** Which linear layers get a planted channel: those fed by a LayerNorm (the brief's case), or every linear layer. */
export type OutlierSites = 'layernorm' | 'all';

export function outlierLayers(cfg: GPTConfig, sites: OutlierSites): string[] {
  const kinds = sites === 'layernorm' ? ['attn.qkv', 'mlp.up'] : ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down'];
  return Array.from({ length: cfg.nLayer }, (_, l) => kinds.map((k) => `h.${l}.${k}`)).flat();
}

/**
 * The input channel that carries most of a layer's output on the calibration text: argmax_i (XᵀX)_ii·‖w_i‖², the
 * energy channel i alone puts into the output. LLM.int8() §1 finds the outlier dimensions are the ones a large model
 * relies on most (zeroing them costs 600–1000% perplexity, random ones 0.1%), so that is where we plant.
 */
export function heaviestChannels(
  w: Float32Array,
  inDim: number,
  outDim: number,
  gram: ArrayLike<number>,
  count: number,
): number[] {
  const energy = Array.from({ length: inDim }, (_, i) => {
    let r = 0;
    for (let j = 0; j < outDim; j++) r += w[i * outDim + j] ** 2;
    return r * gram[i * inDim + i];
  });
  return energy
    .map((e, i) => [e, i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, count)
    .map(([, i]) => i);
}

/**
 * Plants one outlier input channel in each chosen linear layer: its heaviest channel c (see heaviestChannels) is
 * scaled so that its mean |x| on the calibration text becomes `ratio` times the layer input's median channel, and
 * row c of the layer's weight is divided by the same s. `stats` come from `calibrate` on the unchanged model.
 */
export function plantOutliers(
  cfg: GPTConfig,
  weights: Record<string, Float32Array>,
  stats: CalibrationStats,
  { ratio = OUTLIER_RATIO, sites = 'all' as OutlierSites, fraction = OUTLIER_FRACTION } = {},
): OutlierModel {
  if (!(ratio > 0 && Number.isFinite(ratio))) throw new Error(`plantOutliers: ratio must be positive, got ${ratio}`);
  const channels: Record<string, number[]> = {};
  const scales: Record<string, number[]> = {};
  const fold: Record<string, Float32Array> = {};
  for (const n of outlierLayers(cfg, sites)) {
    const st = stats[n];
    if (!st) throw new Error(`plantOutliers: no calibration statistics for ${n}`);
    const inDim = st.inDim,
      w = weights[`${n}.weight`];
    const mid = median(st.meanAbs);
    channels[n] = heaviestChannels(w, inDim, w.length / inDim, st.gram, keepCount(fraction, inDim));
    // Never below 1: a channel that is already an outlier (some ReLU outputs are) is left as it is, not shrunk.
    scales[n] = channels[n].map((c) => Math.max(1, (ratio * mid) / st.meanAbs[c]));
    fold[n] = new Float32Array(inDim).fill(1);
    // foldScales multiplies the row by 1/s and the operator before it by s
    channels[n].forEach((c, k) => (fold[n][c] = 1 / scales[n][k]));
  }
  return { weights: foldScales(cfg, weights, fold), channels, scales, ratio, sites };
}
