// Activation profiling, PowerInfer's offline step: run the model over a text and count, for every FFN neuron, how
// often its ReLU output is non-zero. Few neurons fire often ("hot"), most fire rarely ("cold"): PowerInfer reports
// that 26% of an OPT-30B MLP block's neurons give 80% of its activations (17% across all layers), and that the
// top-20% sets of two datasets overlap by more than 90%.
// References: PowerInfer, Song et al., arXiv 2312.12456 v2, §3.1, Fig. 4 and Fig. 5b.
import type { LanguageModel } from '../model.ts';
import { emptyTrace, setActive, type ActivationTrace } from './trace.ts';
import { forEachWindow, toIds } from './windows.ts';

export interface LayerProfile {
  /** [tokens] per token, the share of this layer's neurons whose ReLU output is exactly 0. */
  zeroFraction: Float32Array;
  /** Mean of zeroFraction: the layer's activation sparsity. */
  sparsity: number;
  /** [nFfn] per neuron, the share of tokens on which it fired (output > 0). */
  frequency: Float32Array;
  /** [nFfn] `frequency` sorted in descending order (the power-law curve). */
  sortedFrequency: Float32Array;
  /** [nFfn] neuron indices, most often active first (ties by index). */
  hotOrder: Int32Array;
  /** Smallest share of neurons whose activations add up to 80% of all activations in this layer. */
  shareFor80: number;
  /** Share of neurons that never fired on this text. */
  deadShare: number;
}

export interface ActivationProfile {
  tokens: number;
  nLayer: number;
  nFfn: number;
  layers: LayerProfile[];
  /** The same measures over all layers' neurons together; frequency is [nLayer*nFfn], layer-major. */
  all: {
    frequency: Float32Array;
    sortedFrequency: Float32Array;
    shareFor80: number;
    sparsity: number;
    deadShare: number;
  };
  /** Which neurons fired, per token and layer, for the cache simulator. */
  trace: ActivationTrace;
}

/**
 * Runs `model` over `text` (cut to `maxTokens`, default 4096) in windows of its context and profiles every FFN
 * neuron. Positions restart at 0 in each window, as in evaluate(). Throws on an empty text.
 */
export function profileActivations(
  model: LanguageModel,
  text: string | number[],
  { maxTokens = 4096 }: { maxTokens?: number } = {},
): ActivationProfile {
  const ids = toIds(model, text, maxTokens, 'profileActivations');
  const { nLayer: L, nFfn: F } = model.config;
  const N = ids.length;
  const counts = Array.from({ length: L }, () => new Float64Array(F));
  const zero = Array.from({ length: L }, () => new Float32Array(N));
  const trace = emptyTrace(N, L, F);
  forEachWindow(model, ids, ({ start, length, ffnPost }) => {
    for (let l = 0; l < L; l++) {
      const post = ffnPost[l]; // [length*F]
      for (let t = 0; t < length; t++) {
        let active = 0;
        for (let i = 0; i < F; i++) {
          if (post[t * F + i] > 0) {
            active++;
            counts[l][i]++;
            setActive(trace, start + t, l, i);
          }
        }
        zero[l][start + t] = 1 - active / F;
      }
    }
  });
  const layers = counts.map((c, l): LayerProfile => {
    const frequency = Float32Array.from(c, (x) => x / N);
    return { zeroFraction: zero[l], sparsity: mean(zero[l]), ...frequencyStats(frequency) };
  });
  const allFreq = new Float32Array(L * F);
  layers.forEach((p, l) => allFreq.set(p.frequency, l * F));
  const allStats = frequencyStats(allFreq);
  return {
    tokens: N,
    nLayer: L,
    nFfn: F,
    layers,
    trace,
    all: {
      frequency: allFreq,
      sortedFrequency: allStats.sortedFrequency,
      shareFor80: allStats.shareFor80,
      deadShare: allStats.deadShare,
      sparsity: mean(layers.map((p) => p.sparsity)),
    },
  };
}

function frequencyStats(frequency: Float32Array) {
  const hotOrder = hottestFirst(frequency);
  const sortedFrequency = Float32Array.from(hotOrder, (i) => frequency[i]);
  let dead = 0;
  for (const f of frequency) if (f === 0) dead++;
  return {
    frequency,
    sortedFrequency,
    hotOrder,
    shareFor80: shareForActivations(frequency, 0.8),
    deadShare: dead / frequency.length,
  };
}

/** Neuron indices sorted by frequency, highest first; ties keep index order. */
export function hottestFirst(frequency: ArrayLike<number>): Int32Array {
  return Int32Array.from(
    Array.from({ length: frequency.length }, (_, i) => i).sort((a, b) => frequency[b] - frequency[a] || a - b),
  );
}

/**
 * PowerInfer's measure: sort neurons by activation count, then the smallest share of them whose counts add up to
 * `target` (default 0.8) of the total. 0 if nothing ever fired.
 */
export function shareForActivations(frequency: ArrayLike<number>, target = 0.8): number {
  const sorted = Array.from(frequency).sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  let acc = 0;
  for (let k = 0; k < sorted.length; k++) {
    acc += sorted[k];
    if (acc >= target * total * (1 - 1e-12)) return (k + 1) / sorted.length;
  }
  return 1;
}

/** Share of all activations served by the `fraction` most active neurons (the "GPU budget" slider). */
export function activationShareOfTop(frequency: ArrayLike<number>, fraction: number): number {
  const sorted = Array.from(frequency).sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0);
  if (total <= 0) return 0;
  const k = Math.round(Math.min(1, Math.max(0, fraction)) * sorted.length);
  let acc = 0;
  for (let i = 0; i < k; i++) acc += sorted[i];
  return acc / total;
}

/**
 * Of the top `topFraction` (default 20%) most active neurons under profile A, the share that are also in B's top
 * set. Both frequency arrays must describe the same neurons (same length). PowerInfer's Fig. 5b reports > 90%.
 */
export function hotSetOverlap(freqA: ArrayLike<number>, freqB: ArrayLike<number>, topFraction = 0.2): number {
  if (freqA.length !== freqB.length)
    throw new Error(`hotSetOverlap: profiles have ${freqA.length} and ${freqB.length} neurons; they must match`);
  if (!(topFraction > 0 && topFraction <= 1))
    throw new Error(`hotSetOverlap: topFraction must be in (0, 1], got ${topFraction}`);
  const k = Math.max(1, Math.round(topFraction * freqA.length));
  const topB = new Set(hottestFirst(freqB).subarray(0, k));
  let shared = 0;
  for (const i of hottestFirst(freqA).subarray(0, k)) if (topB.has(i)) shared++;
  return shared / k;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length ? s / xs.length : 0;
}

/**
 * The cumulative activation curve: neurons sorted hottest first, the share of all activations given by the first
 * x of them, at about `points` evenly spaced x in (0, 1], starting at (0, 0). PowerInfer's power-law view [Fig. 4].
 */
export function cumulativeShareCurve(frequency: ArrayLike<number>, points = 128): { x: number; y: number }[] {
  const sorted = Array.from(frequency).sort((a, b) => b - a);
  const total = sorted.reduce((a, b) => a + b, 0) || 1;
  const n = sorted.length;
  const out = [{ x: 0, y: 0 }];
  let acc = 0,
    next = 1;
  for (let k = 0; k < n; k++) {
    acc += sorted[k];
    if (k + 1 >= (next * n) / points || k === n - 1) {
      out.push({ x: (k + 1) / n, y: acc / total });
      next++;
    }
  }
  return out;
}
