// Activation-aware scaling (AWQ): multiply input channel i of W by s_i before quantizing and divide the input x_i
// by s_i, which leaves x W unchanged in exact arithmetic but shrinks the relative rounding error of the scaled
// channels. The scales come from one number per layer: s = s_X^α with s_X the mean |activation| per channel,
// α picked from a grid by the layer's output error on calibration inputs. Optionally, each group's range is then
// clipped (shrunk) where that lowers the output error.
// References: AWQ, arXiv 2306.00978 §3.2, Eq. 4–5, §5.1 (grid of 20); llm-awq awq/quantize/auto_scale.py
// (_search_module_scale: α = 0, 0.05, …, 0.95, scales normalised by √(max·min)) and auto_clip.py (shrink 0..50%).
import { outputError, type LinearStats } from './calibration.ts';
import { fakeQuantize, type GroupQuantOptions } from './group.ts';
import { fakeQuantizeMatrix } from './matrix.ts';

export interface ScaleSearch {
  /** The α with the lowest output error. */
  alpha: number;
  /** s = s_X^α (normalised), [inDim]. */
  scales: Float32Array;
  /** Every α tried, with its output error (MSE of x W over calibration tokens and outputs); α = 0 is plain RTN. */
  grid: { alpha: number; error: number }[];
}

/** s = s_X^α, floored at 1e-4 and divided by √(max·min) so the scales straddle 1 (as llm-awq does). */
export function awqScales(meanAbs: ArrayLike<number>, alpha: number): Float32Array {
  const s = Float64Array.from(meanAbs, (m) => Math.max(1e-4, Math.pow(Math.max(m, 0), alpha)));
  let max = -Infinity,
    min = Infinity;
  for (const v of s) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const norm = Math.sqrt(max * min);
  return Float32Array.from(s, (v) => v / norm);
}

/** W·diag(s) in lib's layout: row i of W [inDim, outDim] times s_i. */
export function scaleRows(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  s: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(inDim * outDim);
  for (let i = 0; i < inDim; i++) for (let j = 0; j < outDim; j++) out[i * outDim + j] = weight[i * outDim + j] * s[i];
  return out;
}

/** The weights a layer computes with when scaled by s, quantized, and read with inputs divided by s: diag(s)⁻¹ Q(diag(s) W). */
export function quantizeScaled(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  s: ArrayLike<number>,
  opts: GroupQuantOptions,
): Float32Array {
  const q = fakeQuantizeMatrix(scaleRows(weight, inDim, outDim, s), inDim, outDim, opts);
  for (let i = 0; i < inDim; i++) for (let j = 0; j < outDim; j++) q[i * outDim + j] /= s[i];
  return q;
}

/** Output error (MSE on calibration inputs) of computing with `approx` instead of `weight`. */
export function layerError(
  stats: LinearStats,
  weight: ArrayLike<number>,
  approx: ArrayLike<number>,
  outDim: number,
): number {
  const e = new Float32Array(approx.length);
  for (let i = 0; i < e.length; i++) e[i] = weight[i] - approx[i];
  return outputError(stats, e, outDim);
}

/** Grid search over α = 0, 1/n, …, (n−1)/n (n = 20 as in the paper) for the scales minimising the output error. */
export function searchScales(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  stats: LinearStats,
  opts: GroupQuantOptions,
  n = 20,
): ScaleSearch {
  if (stats.inDim !== inDim)
    throw new Error(`searchScales: statistics are for ${stats.inDim} input channels, the weight has ${inDim}`);
  const grid: ScaleSearch['grid'] = [];
  let best: { alpha: number; error: number; scales: Float32Array } = {
    alpha: 0,
    error: Infinity,
    scales: new Float32Array(inDim).fill(1),
  };
  for (let k = 0; k < n; k++) {
    const alpha = k / n;
    const s = awqScales(stats.meanAbs, alpha);
    const error = layerError(stats, weight, quantizeScaled(weight, inDim, outDim, s, opts), outDim);
    grid.push({ alpha, error });
    if (error < best.error) best = { alpha, error, scales: s };
  }
  return { alpha: best.alpha, scales: best.scales, grid };
}

/**
 * Clipping search: for every group (output j, input group g) try shrinking its range to [−m·r, m·r] with
 * r = 1, 0.95, …, 1 − maxShrink (m = max |w| in the group), keep the r with the lowest output error on the
 * calibration inputs (the group's own block of XᵀX), and return W with those clamps applied (still fp32).
 */
export function searchClip(
  weight: ArrayLike<number>,
  inDim: number,
  outDim: number,
  stats: LinearStats,
  opts: GroupQuantOptions,
  { n = 20, maxShrink = 0.5 } = {},
): { weight: Float32Array; meanRatio: number } {
  const out = Float32Array.from(weight);
  const gs = opts.groupSize,
    G = stats.gram,
    d = inDim;
  let ratioSum = 0,
    groups = 0;
  for (let j = 0; j < outDim; j++) {
    for (let start = 0; start < inDim; start += gs) {
      const len = Math.min(gs, inDim - start);
      const w = new Float32Array(len);
      let m = 0;
      for (let i = 0; i < len; i++) {
        w[i] = weight[(start + i) * outDim + j];
        m = Math.max(m, Math.abs(w[i]));
      }
      let bestErr = Infinity,
        bestR = 1,
        bestW = w;
      for (let k = 0; k < Math.round(maxShrink * n); k++) {
        const r = 1 - k / n,
          lim = m * r;
        const q = fakeQuantize(
          w.map((v) => Math.min(lim, Math.max(-lim, v))),
          opts,
        );
        // e Gₐₐ eᵀ over this group's inputs: its share of the output error
        let err = 0;
        for (let a = 0; a < len; a++) {
          const ea = w[a] - q[a];
          if (ea === 0) continue;
          let s = 0;
          for (let b = 0; b < len; b++) s += G[(start + a) * d + start + b] * (w[b] - q[b]);
          err += ea * s;
        }
        if (err < bestErr) {
          bestErr = err;
          bestR = r;
          bestW = w.map((v) => Math.min(lim, Math.max(-lim, v)));
        }
      }
      for (let i = 0; i < len; i++) out[(start + i) * outDim + j] = bestW[i];
      ratioSum += bestR;
      groups++;
    }
  }
  return { weight: out, meanRatio: ratioSum / groups };
}
