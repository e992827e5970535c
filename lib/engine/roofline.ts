// The reader's roofline, measured: the best FLOP rate of the engine's matrix-vector kernel on weights that stay in
// cache (compute roof), the bytes per second it streams from a matrix far larger than any cache (memory roof), and
// the engine's decode rate set against them. Decoding one token reads every weight once for one multiply-add
// (2 FLOP per 4 bytes in fp32, per ~0.56 bytes in int4 with groups of 64), so where a model's weights fit in cache
// the compute roof bounds it, and where they do not, the memory roof does. Used by npm run bench and /bench/.
import { type GPTConfig, linearNames, parameterShapes } from '../config.ts';
import { type QuantizedMatrix, quantizeMatrix } from '../quant/matrix.ts';
import { INT4 } from './intensity.ts';
import { groupZeros } from '../quant/group.ts';
import { mulberry32, randn } from '../random.ts';
import type { LeanEngine } from './engine.ts';
import { createKernels, type KernelKind, type Kernels } from './kernels.ts';
import { timePerCall } from '../timing.ts';

export interface Roofline {
  kernels: KernelKind;
  /** Best GFLOP/s of matvec over the given shapes, weights cache-resident (the same matrix again and again). */
  computeGflops: number;
  computeShape: [number, number];
  /** GB/s of matvec streaming a matrix of `memoryBytes` (far larger than cache), counting the weight bytes. */
  memoryGBs: number;
  memoryBytes: number;
}

/** Timing options for a kernel: three rounds sharing `ms`, the fastest kept (the one least disturbed by others). */
export const bestOfThree = (ms: number, now: () => number) => ({
  rounds: 3,
  minMs: ms / 3,
  pick: 'fastest' as const,
  warmup: 1,
  now,
});

const randomArray = (n: number, seed: number) => {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: n }, () => randn(rng));
};

/** The linear shapes [in, out] of a model, the head ([nEmbd, vocabSize]) included. */
export function linearShapes(cfg: GPTConfig): [number, number][] {
  const C = cfg.nEmbd;
  return [
    [C, 3 * C],
    [C, C],
    [C, cfg.nFfn],
    [cfg.nFfn, C],
    [C, cfg.vocabSize],
  ];
}

/**
 * Measures both roofs in about `budgetMs` (default 2 s): compute on `shapes` (each cache-resident), memory on an
 * fp32 matrix of `memoryMB` megabytes (default 96, beyond the last-level cache of the machines we know).
 */
export function measureRoofline(
  shapes: [number, number][],
  opts: { budgetMs?: number; memoryMB?: number; kernels?: KernelKind | 'auto'; now?: () => number } = {},
): Roofline {
  const budget = opts.budgetMs ?? 2000,
    now = opts.now ?? (() => performance.now());
  const k = createKernels(opts.kernels ?? 'auto');
  let best = { gflops: 0, shape: shapes[0] };
  for (const [n, m] of shapes) {
    const x = k.heap.put(randomArray(n, 1)),
      w = k.heap.put(randomArray(n * m, 2)),
      y = k.heap.alloc(4 * m);
    const ms = timePerCall(() => k.fn.matvec(x, w, 0, y, n, m), bestOfThree((0.5 * budget) / shapes.length, now));
    const gflops = (2 * n * m) / ms / 1e6;
    if (gflops > best.gflops) best = { gflops, shape: [n, m] };
  }
  const n = 4096,
    m = Math.round(((opts.memoryMB ?? 96) * 2 ** 20) / (4 * n) / 16) * 16;
  const x = k.heap.put(randomArray(n, 3)),
    y = k.heap.alloc(4 * m);
  const w = k.heap.alloc(4 * n * m);
  k.heap.f32.fill(0.5, w >> 2, (w >> 2) + n * m); // touch every page: the timing is of reading, not of first faults
  const ms = timePerCall(() => k.fn.matvec(x, w, 0, y, n, m), bestOfThree(0.5 * budget, now));
  return {
    kernels: k.kind,
    computeGflops: best.gflops,
    computeShape: best.shape,
    memoryGBs: (4 * n * m) / ms / 1e6,
    memoryBytes: 4 * n * m,
  };
}

/** int4 (groups of 64) against fp32 matvec on the same n × n matrix: milliseconds per product for each. */
export function raceInt4Fp32Simd(
  n: number,
  opts: { ms?: number; kernels?: KernelKind | 'auto'; now?: () => number } = {},
): { fp32Ms: number; int4Ms: number; fp32Bytes: number; int4Bytes: number } {
  const now = opts.now ?? (() => performance.now()),
    ms = opts.ms ?? 1000;
  const k: Kernels = createKernels(opts.kernels ?? 'auto');
  const wValues = randomArray(n * n, 4);
  const q = quantizeMatrix(wValues, n, n, { bits: 4, groupSize: 64 });
  const x = k.heap.put(randomArray(n, 5)),
    y = k.heap.alloc(4 * n);
  const w = k.heap.put(wValues);
  const fp32Ms = timePerCall(() => k.fn.matvec(x, w, 0, y, n, n), bestOfThree(ms, now));
  const codes = k.heap.put(q.codes),
    scales = k.heap.put(q.scales),
    zeros = k.heap.put(Float32Array.from(groupZeros(q))),
    xp = k.heap.alloc(4 * n),
    xsum = k.heap.alloc(4 * n);
  const int4Ms = timePerCall(
    () => {
      k.fn.quantPrepare(x, xp, xsum, n, 64);
      k.fn.matvecQ(xp, xsum, codes, scales, zeros, 0, y, n, n, 64, 4);
    },
    bestOfThree(ms, now),
  );
  return { fp32Ms, int4Ms, fp32Bytes: 4 * n * n, int4Bytes: q.codes.length + 8 * q.scales.length };
}

/**
 * One-token decode rate (tokens/s) of an engine: greedy steps from half of `ids` to all of it, swept again and again
 * (lib/timing, three rounds sharing about `ms`, the fastest kept). Only the steps are timed: at the end of a sweep
 * the cache is cut back to the prompt half, which costs nothing (LeanEngine.keep leaves a kept prefix in place).
 */
export function leanDecodeRate(
  engine: LeanEngine,
  ids: number[],
  opts: { ms?: number; now?: () => number } = {},
): number {
  const now = opts.now ?? (() => performance.now()),
    ms = opts.ms ?? 900;
  const half = ids.length >> 1;
  const prompt = Array.from({ length: half }, (_, i) => i);
  engine.reset();
  const promptRow = engine.run(ids.slice(0, half))[half - 1];
  let row = promptRow;
  const step = () => {
    if (engine.length >= ids.length) {
      engine.keep(prompt);
      row = promptRow;
    }
    let arg = 0;
    for (let v = 1; v < row.length; v++) if (row[v] > row[arg]) arg = v;
    row = engine.run([arg])[0];
  };
  return 1000 / timePerCall(step, bestOfThree(ms, now));
}

/** Every linear layer of `weights` quantized to round-to-nearest int4 in groups of 64 along the input: the packed
 *  format the int4 points run on (the AWQ file has the same format, so the same bytes and speed). */
export function int4Linears(cfg: GPTConfig, weights: Record<string, Float32Array>): Record<string, QuantizedMatrix> {
  const shapes = parameterShapes(cfg);
  return Object.fromEntries(
    linearNames(cfg).map((name) => {
      const [n, m] = shapes.get(`${name}.weight`)!;
      return [name, quantizeMatrix(weights[`${name}.weight`], n, m, INT4)];
    }),
  );
}
