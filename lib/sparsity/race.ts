// Timing a sparse FFN against a dense one on this machine, for one token of one layer of a real model:
//   kernel 'js', 'simd': the lean engine's kernels (lib/engine: plain JS, or WebAssembly SIMD) over one heap holding
//                  the layer; dense = matvec · ReLU · matvec over every neuron, sparse = the engine's neuron-aware
//                  sparseFfn over the chosen neurons (one W_up column and one W_down row each, both contiguous);
//   kernel 'tfjs': dense tf.matMul GEMVs vs gathering only the active neurons' weights (rows of W_upᵀ and W_down)
//                  and multiplying those, on the current tfjs backend.
// The ideal speedup of computing a share (1 − s) of the neurons is 1 / (1 − s); fixed per-call costs (op dispatch,
// bias, the output vector) keep the measured speedup below it. PowerInfer's neuron-granular CPU kernel beats dense
// even below 10% sparsity, where generic sparse kernels only win above ~87% [arXiv 2312.12456 v2, §8.3.3, Fig. 16];
// its operators check each neuron's predicted-active bit and do one vector–vector product per active neuron, with no
// conversion to a sparse format [§5.4], which is what sparseFfn does.
import { msPerCall, timePerCall } from '../timing.ts';
import * as tf from '@tensorflow/tfjs';
import { createKernels, type KernelKind, type Kernels } from '../engine/kernels.ts';
import type { LanguageModel } from '../model.ts';

export type KernelName = 'tfjs' | KernelKind;

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
   * js and simd kernels: let chosen neurons whose ReLU output is 0 skip their W_down row (default false, so the sparse
   * side does exactly activeCount columns and rows and the ideal 1/(1 − sparsity) is the right yardstick).
   */
  skipInactive?: boolean;
}

export interface FfnRaceResult {
  kernel: KernelName;
  /** What ran: 'plain JS', 'WebAssembly SIMD', or the tfjs backend in use. */
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

/** One layer's FFN copied into a kernel heap in the layouts the engine's kernels read, with room for one token. */
export interface HeapFfn {
  kernels: Kernels;
  nEmbd: number;
  nFfn: number;
  /** Byte pointers: W_up [nEmbd, nFfn] as the model stores it (dense matvec), W_upᵀ [nFfn, nEmbd] (each neuron's
   *  input weights contiguous, for sparseFfn), b_up [nFfn], W_down [nFfn, nEmbd], b_down [nEmbd]; then the input x
   *  [nEmbd], hidden h [nFfn], output y [nEmbd] and the chosen neurons idx (int32 [nFfn]). */
  up: number;
  upT: number;
  upB: number;
  down: number;
  downB: number;
  x: number;
  h: number;
  y: number;
  idx: number;
}

/** Copies one layer's FFN into a fresh heap of the engine's 'js' or 'simd' kernels. */
export function ffnInHeap(model: LanguageModel, layer: number, kind: KernelKind = 'js'): HeapFfn {
  const { nEmbd: C, nFfn: F, nLayer } = model.config;
  if (!(Number.isInteger(layer) && layer >= 0 && layer < nLayer))
    throw new Error(`ffnInHeap: layer ${layer} is outside 0..${nLayer - 1}`);
  if (kind === 'simd' && (C % 4 !== 0 || F % 4 !== 0))
    throw new Error(`the SIMD kernels need nEmbd and nFfn multiples of 4, got ${C} and ${F}; use the JS kernels`);
  const kernels = createKernels(kind);
  const heap = kernels.heap;
  const up = model.getLinear(`h.${layer}.mlp.up`),
    down = model.getLinear(`h.${layer}.mlp.down`);
  const upT = new Float32Array(F * C);
  for (let c = 0; c < C; c++) for (let i = 0; i < F; i++) upT[i * C + c] = up.weight[c * F + i];
  return {
    kernels,
    nEmbd: C,
    nFfn: F,
    up: heap.put(up.weight),
    upT: heap.put(upT),
    upB: heap.put(up.bias),
    down: heap.put(down.weight),
    downB: heap.put(down.bias),
    x: heap.alloc(4 * C),
    h: heap.alloc(4 * F),
    y: heap.alloc(4 * C),
    idx: heap.alloc(4 * F),
  };
}

/** Dense FFN of the token in f.x, into f.y: h = ReLU(x W_up + b_up) over every neuron, y = h W_down + b_down. */
function denseFfn(f: HeapFfn): void {
  const fn = f.kernels.fn;
  fn.matvec(f.x, f.up, f.upB, f.h, f.nEmbd, f.nFfn);
  fn.relu(f.h, f.nFfn);
  fn.matvec(f.h, f.down, f.downB, f.y, f.nFfn, f.nEmbd);
}

/** Sparse FFN of the token in f.x over the first k neurons of f.idx, into f.y (the engine's sparseFfn). */
function sparseFfn(f: HeapFfn, k: number, skipInactive: boolean): void {
  f.kernels.fn.sparseFfn(f.x, f.upT, f.upB, f.down, f.downB, f.idx, k, f.y, f.nEmbd, skipInactive ? 1 : 0);
}

/**
 * The FFN output [nEmbd] of token x through f, a fresh array: dense, or with `active` the engine's sparseFfn over
 * those neurons (with `skipInactive`, a chosen neuron that does not fire skips its W_down row; same values).
 */
export function runFfn(f: HeapFfn, x: Float32Array, active?: ArrayLike<number>, skipInactive = false): Float32Array {
  const heap = f.kernels.heap;
  heap.f32.set(x, f.x >> 2);
  if (active) {
    heap.i32.set(checkNeurons(f, active), f.idx >> 2); // the kernel reads each listed neuron's rows unchecked
    sparseFfn(f, active.length, skipInactive);
  } else denseFfn(f);
  return heap.floats(f.y, f.nEmbd).slice();
}

/** `active` itself, once each entry is a neuron of f's layer and there are no more of them than the layer has. */
function checkNeurons(f: HeapFfn, active: ArrayLike<number>): ArrayLike<number> {
  if (active.length > f.nFfn) throw new Error(`activeSet: ${active.length} neurons listed, the layer has ${f.nFfn}`);
  for (let k = 0; k < active.length; k++)
    if (!(Number.isInteger(active[k]) && active[k] >= 0 && active[k] < f.nFfn))
      throw new Error(`activeSet: neuron ${active[k]} is outside 0..${f.nFfn - 1}`);
  return active;
}

/** Pre-activations x W_up + b_up [nFfn] for one token (to find the true active set or rank neurons). */
export function preActivations(f: HeapFfn, x: Float32Array): Float32Array {
  f.kernels.heap.f32.set(x, f.x >> 2);
  f.kernels.fn.matvec(f.x, f.up, f.upB, f.h, f.nEmbd, f.nFfn);
  return f.kernels.heap.floats(f.h, f.nFfn).slice();
}

/** Milliseconds each engine-kernel side runs untimed before the race times it. */
const WARMUP_MS = 20;

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
  w: HeapFfn,
  x: Float32Array,
  opts: { sparsity?: number; activeSet?: ArrayLike<number> } = {},
): Int32Array {
  if (opts.activeSet) return Int32Array.from(checkNeurons(w, opts.activeSet)).sort();
  const pre = preActivations(w, x);
  if (opts.sparsity === undefined) return Int32Array.from(Array.from(pre.keys()).filter((i) => pre[i] > 0));
  if (!(opts.sparsity >= 0 && opts.sparsity < 1)) throw new Error(`sparsity must be in [0, 1), got ${opts.sparsity}`);
  const k = Math.max(1, Math.round((1 - opts.sparsity) * w.nFfn));
  const order = Array.from(pre.keys()).sort((a, b) => pre[b] - pre[a] || a - b);
  return Int32Array.from(order.slice(0, k)).sort();
}

/** Times dense vs sparse FFN for one token at `layer`; see RaceOptions. Leaves tf.memory().numTensors unchanged. */
export function raceSparseFfn(model: LanguageModel, layer: number, opts: RaceOptions = {}): FfnRaceResult {
  const kernel = opts.kernel ?? 'js';
  if (kernel !== 'js' && kernel !== 'simd' && kernel !== 'tfjs')
    throw new Error(`raceSparseFfn: kernel must be 'js', 'simd' or 'tfjs', got ${JSON.stringify(kernel)}`);
  const w = ffnInHeap(model, layer, kernel === 'simd' ? 'simd' : 'js');
  const x = opts.x ?? sampleFfnInput(model, layer);
  if (x.length !== w.nEmbd) throw new Error(`raceSparseFfn: x has ${x.length} values, nEmbd is ${w.nEmbd}`);
  const active = chooseActiveSet(w, x, opts);
  const trueActiveCount = chooseActiveSet(w, x).length;
  const repeats = opts.repeats ?? 7;
  let denseMs: number, sparseMs: number, dense: Float32Array, sparse: Float32Array;
  if (kernel !== 'tfjs') {
    const skip = opts.skipInactive ?? false;
    dense = runFfn(w, x);
    sparse = runFfn(w, x, active, skip); // leaves x and the chosen neurons in the heap for the timed calls
    const runDense = () => denseFfn(w),
      runSparse = () => sparseFfn(w, active.length, skip);
    // Untimed first: a browser runs fresh WebAssembly on a baseline compiler and swaps in optimized code only once a
    // function is hot (V8: Liftoff, then TurboFan), which takes more than timePerCall's three warm-up calls.
    for (const run of [runDense, runSparse]) msPerCall(run, WARMUP_MS);
    denseMs = timePerCall(runDense, { rounds: repeats });
    sparseMs = timePerCall(runSparse, { rounds: repeats });
  } else {
    const { nEmbd: C, nFfn: F } = w;
    const floats = (ptr: number, n: number) => w.kernels.heap.floats(ptr, n).slice();
    const t = {
      x: tf.tensor2d(x, [1, C]),
      up: tf.tensor2d(floats(w.up, C * F), [C, F]),
      upT: tf.tensor2d(floats(w.upT, F * C), [F, C]),
      upBias: tf.tensor1d(floats(w.upB, F)),
      down: tf.tensor2d(floats(w.down, F * C), [F, C]),
      downBias: tf.tensor1d(floats(w.downB, C)),
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
    backend: kernel === 'js' ? 'plain JS' : kernel === 'simd' ? 'WebAssembly SIMD' : tf.getBackend(),
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
