// A neuron-aware FFN kernel in plain TypedArrays, for one token: y = ReLU(x W_up + b_up) W_down + b_down.
// PowerInfer's "neuron-aware operators" check each neuron's predicted-active bit and do one vector–vector product
// per active neuron, with no conversion to a sparse format [arXiv 2312.12456 v2, §5.4]. That needs each neuron's
// weights contiguous: W_up is stored transposed (upT [nFfn, nEmbd], row i = neuron i's input weights) and W_down
// row-major ([nFfn, nEmbd], row i = what neuron i writes to the output).
//   dense:  h = x W_up (all nFfn neurons, a GEMV over W_up [nEmbd, nFfn]), ReLU, y = h W_down (every row).
//   sparse: for i in the active set only: h_i = ReLU(upT[i]·x + b_i); if h_i > 0, y += h_i · down[i].
import type { LanguageModel } from '../model.ts';

export interface FfnKernelWeights {
  nEmbd: number;
  nFfn: number;
  /** [nEmbd, nFfn] row-major, as the model stores it (for the dense GEMV). */
  up: Float32Array;
  /** [nFfn, nEmbd]: W_up transposed, each neuron's column contiguous. */
  upT: Float32Array;
  upBias: Float32Array; // [nFfn]
  /** [nFfn, nEmbd] row-major. */
  down: Float32Array;
  downBias: Float32Array; // [nEmbd]
}

/** Copies one layer's FFN out of the model in both layouts. */
export function kernelWeights(model: LanguageModel, layer: number): FfnKernelWeights {
  const { nEmbd: C, nFfn: F, nLayer } = model.config;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < nLayer))
    throw new Error(`kernelWeights: layer ${layer} is outside 0..${nLayer - 1}`);
  const up = model.getLinear(`h.${layer}.mlp.up`),
    down = model.getLinear(`h.${layer}.mlp.down`);
  const upT = new Float32Array(F * C);
  for (let c = 0; c < C; c++) for (let i = 0; i < F; i++) upT[i * C + c] = up.weight[c * F + i];
  return { nEmbd: C, nFfn: F, up: up.weight, upT, upBias: up.bias, down: down.weight, downBias: down.bias };
}

/** Dense FFN for one token x [nEmbd]; writes and returns y [nEmbd]. `h` is scratch [nFfn]. */
export function denseFfn(
  w: FfnKernelWeights,
  x: Float32Array,
  y = new Float32Array(w.nEmbd),
  h = new Float32Array(w.nFfn),
): Float32Array {
  const { nEmbd: C, nFfn: F, up, upBias, down, downBias } = w;
  h.set(upBias);
  for (let c = 0; c < C; c++) {
    // h += x_c · W_up[c, :]
    const xc = x[c],
      o = c * F;
    for (let i = 0; i < F; i++) h[i] += xc * up[o + i];
  }
  y.set(downBias);
  for (let i = 0; i < F; i++) {
    // every row of W_down, zero or not
    const hi = Math.max(h[i], 0),
      o = i * C;
    for (let c = 0; c < C; c++) y[c] += hi * down[o + c];
  }
  return y;
}

/**
 * Sparse FFN for one token: only the neurons in `active` are computed (the rest count as zero); y [nEmbd].
 * With `skipInactive` (default), a chosen neuron whose ReLU output is 0 skips its W_down row too, as PowerInfer's
 * operators check the activation first; without it, every chosen neuron costs one W_up column and one W_down row,
 * so the work is exactly proportional to active.length (what timing against 1/(1 − sparsity) needs).
 */
export function sparseFfn(
  w: FfnKernelWeights,
  x: Float32Array,
  active: ArrayLike<number>,
  y = new Float32Array(w.nEmbd),
  skipInactive = true,
): Float32Array {
  const { nEmbd: C, upT, upBias, down, downBias } = w;
  y.set(downBias);
  for (let k = 0; k < active.length; k++) {
    const i = active[k],
      o = i * C;
    let hi = upBias[i];
    for (let c = 0; c < C; c++) hi += upT[o + c] * x[c]; // neuron i's column of W_up, contiguous
    if (hi <= 0) {
      if (skipInactive) continue; // ReLU: a chosen neuron that does not fire writes nothing
      hi = 0;
    }
    for (let c = 0; c < C; c++) y[c] += hi * down[o + c]; // neuron i's row of W_down, contiguous
  }
  return y;
}

/** Pre-activations x W_up + b_up [nFfn] for one token (to find the true active set or rank neurons). */
export function preActivations(w: FfnKernelWeights, x: Float32Array): Float32Array {
  const { nEmbd: C, nFfn: F, upT, upBias } = w;
  const h = new Float32Array(F);
  for (let i = 0; i < F; i++) {
    let s = upBias[i];
    for (let c = 0; c < C; c++) s += upT[i * C + c] * x[c];
    h[i] = s;
  }
  return h;
}
