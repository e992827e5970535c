// Timing a sparse FFN against a dense one on this machine, for one token of one layer of a real model:
//   kernel 'tfjs': dense tf.matMul GEMVs vs gathering only the active neurons' weights (rows of W_upᵀ and W_down)
//                  and multiplying those, on the current tfjs backend;
//   kernel 'js':   the plain-TypedArray neuron-aware kernel of neuron-kernel.ts, dense vs sparse.
// The ideal speedup of computing a share (1 − s) of the neurons is 1 / (1 − s); fixed per-call costs (op dispatch,
// bias, the output vector) keep the measured speedup below it. PowerInfer's neuron-granular CPU kernel beats dense
// even below 10% sparsity, where generic sparse kernels only win above ~87% [arXiv 2312.12456 v2, §8.3.3, Fig. 16].
import { timePerCall } from '../timing.ts';
import * as tf from '@tensorflow/tfjs';
import type { LanguageModel } from '../model.ts';
import { denseFfn, kernelWeights, preActivations, sparseFfn, type FfnKernelWeights } from './neuron-kernel.ts';

export type KernelName = 'tfjs' | 'js';

export interface RaceOptions {
  /** Share of neurons skipped; the computed set is the (1 − sparsity)·nFfn neurons with the largest pre-activation. */
  sparsity?: number;
  /** Or the exact set of neurons to compute (overrides sparsity). Default: the neurons that really fire for x. */
  activeSet?: ArrayLike<number>;
  /** Timed runs of each side; the median is reported (default 7). */
  repeats?: number;
  kernel?: KernelName;
  /** The FFN input [nEmbd] (after LayerNorm). Default: the model's input at this layer for the last token of a fixed text. */
  x?: Float32Array;
  /**
   * js kernel: let chosen neurons whose ReLU output is 0 skip their W_down row (default false, so the sparse side does
   * exactly activeCount columns and rows and the ideal 1/(1 − sparsity) is the right yardstick).
   */
  skipInactive?: boolean;
}

export interface FfnRaceResult {
  kernel: KernelName;
  /** The tfjs backend in use ('js' kernel: 'plain JS'). */
  backend: string;
  layer: number;
  /** Neurons computed by the sparse side, and the resulting sparsity 1 − activeCount/nFfn. */
  activeCount: number;
  sparsity: number;
  /** How many neurons really fire for x (the sparse result equals dense when the set contains them all). */
  trueActiveCount: number;
  /** Milliseconds per call (one token), median over repeats. */
  denseMs: number;
  sparseMs: number;
  speedup: number;
  /** 1 / (1 − sparsity) = nFfn / activeCount. */
  idealSpeedup: number;
  /** Largest |sparse − dense| over the output vector. */
  maxAbsDiff: number;
}

const FIXED_TEXT =
  'It was a clear steel-blue day. The firmaments of air and sea were hardly separable in that all-pervading azure.';

/** The FFN input at `layer` for the last token of a fixed text (a realistic x for timing). */
export function sampleFfnInput(model: LanguageModel, layer: number): Float32Array {
  const ids = model.tokenizer.encode(FIXED_TEXT).slice(0, model.config.blockSize);
  const out = model.forward([ids], { record: { ffn: true } });
  const C = model.config.nEmbd;
  return out.ffnIn![layer].slice((ids.length - 1) * C, ids.length * C);
}

/** Chooses the neurons to compute for x: an explicit set, the top (1 − sparsity) by pre-activation, or the true active set. */
export function chooseActiveSet(
  w: FfnKernelWeights,
  x: Float32Array,
  opts: { sparsity?: number; activeSet?: ArrayLike<number> } = {},
): Int32Array {
  if (opts.activeSet) {
    for (const i of Array.from(opts.activeSet))
      if (!(Number.isInteger(i) && i >= 0 && i < w.nFfn))
        throw new Error(`activeSet: neuron ${i} is outside 0..${w.nFfn - 1}`);
    return Int32Array.from(opts.activeSet).sort();
  }
  const pre = preActivations(w, x);
  if (opts.sparsity === undefined) return Int32Array.from(Array.from(pre.keys()).filter((i) => pre[i] > 0));
  if (!(opts.sparsity >= 0 && opts.sparsity < 1)) throw new Error(`sparsity must be in [0, 1), got ${opts.sparsity}`);
  const k = Math.max(1, Math.round((1 - opts.sparsity) * w.nFfn));
  const order = Array.from(pre.keys()).sort((a, b) => pre[b] - pre[a] || a - b);
  return Int32Array.from(order.slice(0, k)).sort();
}

/** Times dense vs sparse FFN for one token at `layer`; see RaceOptions. Leaves tf.memory().numTensors unchanged. */
export function raceSparseFfn(model: LanguageModel, layer: number, opts: RaceOptions = {}): FfnRaceResult {
  const w = kernelWeights(model, layer);
  const x = opts.x ?? sampleFfnInput(model, layer);
  if (x.length !== w.nEmbd) throw new Error(`raceSparseFfn: x has ${x.length} values, nEmbd is ${w.nEmbd}`);
  const active = chooseActiveSet(w, x, opts);
  const trueActiveCount = chooseActiveSet(w, x).length;
  const kernel = opts.kernel ?? 'js';
  const repeats = opts.repeats ?? 7;
  let denseMs: number, sparseMs: number, dense: Float32Array, sparse: Float32Array;
  if (kernel === 'js') {
    const y = new Float32Array(w.nEmbd),
      h = new Float32Array(w.nFfn);
    denseMs = timePerCall(() => denseFfn(w, x, y, h), { rounds: repeats });
    const skip = opts.skipInactive ?? false;
    sparseMs = timePerCall(() => sparseFfn(w, x, active, y, skip), { rounds: repeats });
    dense = denseFfn(w, x);
    sparse = sparseFfn(w, x, active, undefined, skip);
  } else {
    const { nEmbd: C, nFfn: F } = w;
    const t = {
      x: tf.tensor2d(x, [1, C]),
      up: tf.tensor2d(w.up, [C, F]),
      upT: tf.tensor2d(w.upT, [F, C]),
      upBias: tf.tensor1d(w.upBias),
      down: tf.tensor2d(w.down, [F, C]),
      downBias: tf.tensor1d(w.downBias),
    };
    const read = (f: () => tf.Tensor) => {
      const y = tf.tidy(f);
      try {
        return y.dataSync() as Float32Array;
      } finally {
        y.dispose();
      }
    };
    const runDense = () =>
      read(() => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(t.x, t.up), t.upBias)), t.down), t.downBias)); // [1, C]
    const runSparse = () =>
      read(() => {
        const idx = tf.tensor1d(active, 'int32'); // the active set changes every token, so it is uploaded every call
        const upK = tf.gather(t.upT, idx); // [k, C]
        const h = tf.relu(tf.add(tf.matMul(t.x, upK, false, true), tf.gather(t.upBias, idx))); // [1, k]
        return tf.add(tf.matMul(h, tf.gather(t.down, idx)), t.downBias); // [1, C]
      });
    try {
      denseMs = timePerCall(() => void runDense(), { rounds: repeats });
      sparseMs = timePerCall(() => void runSparse(), { rounds: repeats });
      dense = runDense();
      sparse = runSparse();
    } finally {
      tf.dispose(Object.values(t));
    }
  }
  let maxAbsDiff = 0;
  for (let c = 0; c < dense.length; c++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(dense[c] - sparse[c]));
  return {
    kernel,
    backend: kernel === 'js' ? 'plain JS' : tf.getBackend(),
    layer,
    activeCount: active.length,
    sparsity: 1 - active.length / w.nFfn,
    trueActiveCount,
    denseMs,
    sparseMs,
    speedup: denseMs / sparseMs,
    idealSpeedup: w.nFfn / Math.max(1, active.length),
    maxAbsDiff,
  };
}
