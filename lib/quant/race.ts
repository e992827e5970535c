// The int4-vs-fp32 race: one matrix-vector product y = x W timed with fp32 weights and with packed int4 weights
// (group 64), both in plain JS (lib/quant/matvec.ts). The two kernels take turns, and each keeps its fastest run:
// on a shared machine the fastest run is the one least disturbed by other work. Used by `npm run bench` and by
// the lesson's race widget in the reader's browser. Random seeded weights: speed does not depend on their values.
import { mulberry32, randn } from '../random.ts';
import { quantizeGroups } from './group.ts';
import type { QuantizedMatrix } from './matrix.ts';
import { int4Kernel, matVecF32, matVecInt4 } from './matvec.ts';
import { msPerCall } from '../timing.ts';

export interface Int4RaceResult {
  inDim: number;
  outDim: number;
  /** Fastest milliseconds per product over the runs. */
  fp32Ms: number;
  int4Ms: number;
  /** fp32Ms / int4Ms (> 1: int4 is faster). */
  speedup: number;
  /** Bytes of weights each product reads: 4 per weight, against codes + scales + zero points. */
  fp32Bytes: number;
  int4Bytes: number;
}

/** Times both kernels on a random W [inDim, outDim]; each timed run repeats the product until ≥ minMs has passed. */
export function raceInt4(
  inDim: number,
  outDim: number,
  { groupSize = 64, repeats = 5, minMs = 20, seed = 1, now = () => performance.now() } = {},
): Int4RaceResult {
  const rng = mulberry32(seed);
  const wT = Float32Array.from({ length: inDim * outDim }, () => randn(rng) * 0.05); // [outDim, inDim]
  const x = Float32Array.from({ length: inDim }, () => randn(rng));
  const q = quantizeGroups(wT, { bits: 4, groupSize }, inDim);
  const kernel = int4Kernel({ ...q, inDim, outDim } as QuantizedMatrix);
  const y = new Float32Array(outDim);
  const fp32 = () => matVecF32(wT, inDim, outDim, x, y);
  const int4 = () => matVecInt4(kernel, x, y);
  fp32();
  int4(); // warm-up (JIT)
  let fp32Ms = Infinity,
    int4Ms = Infinity;
  for (let r = 0; r < repeats; r++) {
    fp32Ms = Math.min(fp32Ms, msPerCall(fp32, minMs, now));
    int4Ms = Math.min(int4Ms, msPerCall(int4, minMs, now));
  }
  const int4Bytes = q.codes.length + q.scales.byteLength + (q.zeros?.length ?? 0);
  return { inDim, outDim, fp32Ms, int4Ms, speedup: fp32Ms / int4Ms, fp32Bytes: 4 * inDim * outDim, int4Bytes };
}
