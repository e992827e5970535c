// Calibration statistics: run the fp32 model on a calibration text and keep, for every linear layer,
//   meanAbs[i] = mean over tokens of |x_i|   (s_X in AWQ: which input channels carry large activations), and
//   gram[i, k] = Σ_tokens x_i·x_k            (XᵀX, so any weight change E has output error ‖X E‖² = Σ_j e_jᵀ (XᵀX) e_j
//                                              without keeping X itself: what the scale and clip searches minimise).
// References: AWQ, arXiv 2306.00978 §3.2 (s_X, Eq. 4–5); llm-awq awq/quantize/auto_scale.py get_act_scale.
import type { LanguageModel } from '../model.ts';

export interface LinearStats {
  /** Input channels of the layer. */
  inDim: number;
  /** Mean |activation| per input channel, [inDim]. */
  meanAbs: Float64Array;
  /** Σ x xᵀ over calibration tokens, [inDim, inDim] row-major. */
  gram: Float64Array;
  /** Tokens seen. */
  tokens: number;
}

export type CalibrationStats = Record<string, LinearStats>;

/** Cuts token ids into windows of at most the model's context (the last one may be shorter). */
export function calibrationWindows(ids: number[], blockSize: number, maxTokens = Infinity): number[][] {
  const use = ids.slice(0, Math.min(ids.length, maxTokens));
  const windows: number[][] = [];
  for (let start = 0; start < use.length; start += blockSize) windows.push(use.slice(start, start + blockSize));
  return windows.filter((w) => w.length > 0);
}

/** Records every linear layer's input on `windows` of token ids and accumulates its statistics. */
export function calibrate(model: LanguageModel, windows: number[][]): CalibrationStats {
  if (windows.length === 0) throw new Error('calibrate: need at least one window of calibration tokens');
  const stats: CalibrationStats = {};
  for (const window of windows) {
    const rec = model.forward([window], { record: { linear: true } }).linearIn!;
    for (const [name, x] of Object.entries(rec)) {
      const inDim = x.length / window.length;
      const s = (stats[name] ??= {
        inDim,
        meanAbs: new Float64Array(inDim),
        gram: new Float64Array(inDim * inDim),
        tokens: 0,
      });
      accumulate(s, x, window.length);
    }
  }
  for (const s of Object.values(stats)) for (let i = 0; i < s.inDim; i++) s.meanAbs[i] /= s.tokens;
  return stats;
}

/** Adds n rows of x [n, inDim] into the sums (meanAbs holds Σ|x| until calibrate divides by the token count). */
function accumulate(s: LinearStats, x: Float32Array, n: number): void {
  const d = s.inDim;
  for (let t = 0; t < n; t++) {
    const row = t * d;
    for (let i = 0; i < d; i++) {
      const xi = x[row + i];
      s.meanAbs[i] += Math.abs(xi);
      if (xi === 0) continue; // ReLU outputs are mostly zero: skip their rows of the outer product
      const g = i * d;
      for (let k = 0; k < d; k++) s.gram[g + k] += xi * x[row + k];
    }
  }
  s.tokens += n;
}

/** Output error of a weight change E [inDim, outDim] on the calibration inputs: ‖X E‖²_F / (tokens·outDim), the MSE. */
export function outputError(stats: LinearStats, e: ArrayLike<number>, outDim: number): number {
  const d = stats.inDim,
    G = stats.gram;
  let total = 0;
  const col = new Float64Array(d);
  for (let j = 0; j < outDim; j++) {
    for (let i = 0; i < d; i++) col[i] = e[i * outDim + j];
    for (let i = 0; i < d; i++) {
      const ci = col[i];
      if (ci === 0) continue;
      let s = 0;
      const g = i * d;
      for (let k = 0; k < d; k++) s += G[g + k] * col[k];
      total += ci * s;
    }
  }
  return total / (stats.tokens * outDim);
}
