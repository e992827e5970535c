// y = xW in TensorFlow.js two ways: densely (read every row of W) and by gathering only the rows of W whose
// input x_i is non-zero (the rows view of lib/vecmat.ts, at scale). Callers pass and get plain arrays; tensors
// never escape, and every public function leaves tf.memory().numTensors as it found it.
// Reference: LLM in a Flash, arXiv 2312.11514 v3 §3.2; PowerInfer, arXiv 2312.12456 v2 §5.
import { median } from './stats.ts';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, randn } from './random.ts';
import { nonZeroIndices, randomSparseVector, rowLoopProduct, type Matrix } from './vecmat.ts';

/** A matrix as nested rows, or as flat row-major data with its shape [rows, cols]. */
export type MatrixInput = Matrix | { data: ArrayLike<number>; shape: [number, number] };

function flatten(W: MatrixInput): { data: Float32Array; shape: [number, number] } {
  if (Array.isArray(W)) {
    const n = W.length;
    const m = n ? W[0].length : 0;
    const data = new Float32Array(n * m);
    W.forEach((row, i) => {
      if (row.length !== m)
        throw new Error(`vecmat-tf: W is ragged: row ${i} has ${row.length} entries, row 0 has ${m}`);
      data.set(row, i * m);
    });
    return { data, shape: [n, m] };
  }
  const [n, m] = W.shape;
  if (W.data.length !== n * m)
    throw new Error(`vecmat-tf: W has ${W.data.length} values, shape [${n}, ${m}] needs ${n * m}`);
  return { data: W.data instanceof Float32Array ? W.data : Float32Array.from(W.data), shape: [n, m] };
}

function checkX(x: ArrayLike<number>, n: number): void {
  if (x.length !== n) throw new Error(`vecmat-tf: x has ${x.length} entries but W has ${n} rows; they must match`);
}

/** y = xW with one dense tf.matMul: every weight is read. x is [n], W is [n, m]; returns y as [m]. */
export function denseProduct(x: ArrayLike<number>, W: MatrixInput): number[] {
  const { data, shape } = flatten(W);
  checkX(x, shape[0]);
  const y = tf.tidy(() => tf.matMul(tf.tensor2d(Float32Array.from(x), [1, shape[0]]), tf.tensor2d(data, shape)));
  try {
    return Array.from(y.dataSync());
  } finally {
    y.dispose();
  }
}

/**
 * y = xW reading only the rows i with x_i ≠ 0: gather those k rows of W into a [k, m] block and multiply by the
 * k non-zero inputs. With no non-zero input the answer is all zeros and no row is read.
 */
export function rowGatherProduct(x: ArrayLike<number>, W: MatrixInput): number[] {
  const { data, shape } = flatten(W);
  checkX(x, shape[0]);
  const idx = nonZeroIndices(x);
  if (idx.length === 0) return new Array<number>(shape[1]).fill(0);
  const y = tf.tidy(() => {
    const w = tf.tensor2d(data, shape); // [n, m]
    const rows = tf.gather(w, tf.tensor1d(idx, 'int32')); // [k, m]
    const xs = tf.tensor2d(
      Float32Array.from(idx, (i) => x[i]),
      [1, idx.length],
    ); // [1, k]
    return tf.matMul(xs, rows); // [1, m]
  });
  try {
    return Array.from(y.dataSync());
  } finally {
    y.dispose();
  }
}

export interface CompareOptions {
  /** Length of x = rows of W. */
  n: number;
  /** Columns of W = length of y. */
  m: number;
  /** Fraction of x's entries that are zero, in [0, 1]; the count is round(zeroFraction·n). */
  zeroFraction: number;
  seed?: number;
  /** Timed runs of each method after one warm-up run; the median is reported (default 5). */
  repeats?: number;
  /** Called after each timed run with (done, total), for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

export interface CompareResult {
  n: number;
  m: number;
  /** Largest |dense_j − gather_j| over the m outputs. */
  maxAbsDiff: number;
  /** Median wall time of the dense path, milliseconds, including reading the result back. */
  denseMs: number;
  /** Median wall time of the gather path, milliseconds, including building the index and reading back. */
  gatherMs: number;
  /** Every timed run, for charts. */
  denseRuns: number[];
  gatherRuns: number[];
  /**
   * The same product as a plain JavaScript loop over the rows of the same row-major W (lib/vecmat.ts
   * rowLoopProduct), reading every row (loopDense) or skipping the rows of zero inputs (loopSkip). Two kernels of
   * equal quality that differ only in the skip, so their ratio isolates what skipping rows saves.
   */
  loopDenseMs: number;
  loopSkipMs: number;
  loopDenseRuns: number[];
  loopSkipRuns: number[];
  /** Largest |tf dense − loop| over both loops. */
  loopMaxAbsDiff: number;
  /** Rows of W read by the gather path (= non-zero entries of x); the dense path reads all n. */
  rowsRead: number;
  /** tf.getBackend() at the time of the run. */
  backend: string;
}

/** A seeded n×m Float32Array of standard-normal weights scaled by 1/√n, row-major. */
export function randomWeights(n: number, m: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  const s = 1 / Math.sqrt(n);
  const w = new Float32Array(n * m);
  for (let k = 0; k < w.length; k++) w[k] = randn(rng) * s;
  return w;
}

/**
 * Time y = xW densely and by row gathering on the current backend, on a seeded x with the requested fraction of
 * zeros and a seeded W. Both paths start from the plain-array x (uploading what they need) and end when the result
 * is back in JavaScript (await data()), so asynchronous backends are timed honestly. One warm-up run each first.
 * Also times rowLoopProduct (plain JS, same W) with and without skipping, as a like-for-like baseline: tf.gather is
 * a general-purpose copy, and on wasm the dense matMul reuses weights XNNPACK packed on the warm-up run, so the
 * two tfjs paths differ in more than the rows they read.
 */
export async function compareDenseVsGather(opts: CompareOptions): Promise<CompareResult> {
  const { n, m, zeroFraction, seed = 1, repeats = 5, onProgress } = opts;
  for (const [k, v] of [
    ['n', n],
    ['m', m],
    ['repeats', repeats],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`compareDenseVsGather: ${k} must be a positive integer (got ${v})`);
  }
  const x = randomSparseVector(n, zeroFraction, seed);
  const idx = nonZeroIndices(x);
  const wData = randomWeights(n, m, seed + 1);
  const w = tf.tensor2d(wData, [n, m]);
  const now = () => performance.now();

  const dense = async () => {
    const y = tf.tidy(() => tf.matMul(tf.tensor2d(x, [1, n]), w));
    try {
      return await y.data();
    } finally {
      y.dispose();
    }
  };
  const gather = async () => {
    if (idx.length === 0) return new Float32Array(m);
    const y = tf.tidy(() => {
      const live = nonZeroIndices(x); // finding the non-zero inputs is part of the work
      const xs = tf.tensor2d(
        Float32Array.from(live, (i) => x[i]),
        [1, live.length],
      ); // [1, k]
      return tf.matMul(xs, tf.gather(w, tf.tensor1d(live, 'int32'))); // [1, k]·[k, m] = [1, m]
    });
    try {
      return await y.data();
    } finally {
      y.dispose();
    }
  };

  try {
    const yDense = await dense(); // warm-up (compiles shaders / kernels) and the answers to compare
    const yGather = await gather();
    const yLoopDense = rowLoopProduct(x, wData, m, { skipZeroRows: false });
    const yLoopSkip = rowLoopProduct(x, wData, m);
    let maxAbsDiff = 0;
    let loopMaxAbsDiff = 0;
    for (let j = 0; j < m; j++) {
      maxAbsDiff = Math.max(maxAbsDiff, Math.abs(yDense[j] - yGather[j]));
      loopMaxAbsDiff = Math.max(
        loopMaxAbsDiff,
        Math.abs(yDense[j] - yLoopDense[j]),
        Math.abs(yDense[j] - yLoopSkip[j]),
      );
    }
    const denseRuns: number[] = [];
    const gatherRuns: number[] = [];
    const loopDenseRuns: number[] = [];
    const loopSkipRuns: number[] = [];
    for (let r = 0; r < repeats; r++) {
      // Interleave the methods so slow drift (thermal, other load) hits all alike.
      let t = now();
      await dense();
      denseRuns.push(now() - t);
      t = now();
      await gather();
      gatherRuns.push(now() - t);
      t = now();
      rowLoopProduct(x, wData, m, { skipZeroRows: false });
      loopDenseRuns.push(now() - t);
      t = now();
      rowLoopProduct(x, wData, m);
      loopSkipRuns.push(now() - t);
      onProgress?.(r + 1, repeats);
    }
    return {
      n,
      m,
      maxAbsDiff,
      denseMs: median(denseRuns),
      gatherMs: median(gatherRuns),
      denseRuns,
      gatherRuns,
      loopDenseMs: median(loopDenseRuns),
      loopSkipMs: median(loopSkipRuns),
      loopDenseRuns,
      loopSkipRuns,
      loopMaxAbsDiff,
      rowsRead: idx.length,
      backend: tf.getBackend(),
    };
  } finally {
    w.dispose();
  }
}
