// Which input channels of a linear layer to protect: the AWQ paper's Table 1 experiment keeps a small fraction of
// input channels in full precision, chosen by activation magnitude, by weight norm, or at random, and quantizes the
// rest. (AWQ itself then replaces this hardware-unfriendly mixed precision by scaling; see awq.ts.)
// Reference: AWQ, arXiv 2306.00978 §3.1, Table 1.
import { mulberry32 } from '../random.ts';
import { fakeQuantizeMatrix } from './matrix.ts';
import type { GroupQuantOptions } from './group.ts';

export type SalientRule = 'activation' | 'weightNorm' | 'random';

/** How many of `inDim` channels a fraction keeps: round(fraction·inDim), at least 1 (1% of 128 channels is 1). */
export function keepCount(fraction: number, inDim: number): number {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`keep fraction must be between 0 and 1, got ${fraction}`);
  return Math.max(1, Math.round(fraction * inDim));
}

/**
 * The `count` most salient input channels of W [inDim, outDim], largest first: by mean |activation| (meanAbs, from
 * calibration), by the L2 norm of the channel's weights (row i of W), or a seeded random choice.
 */
export function salientChannels(
  rule: SalientRule,
  count: number,
  w: { weight: ArrayLike<number>; inDim: number; outDim: number; meanAbs?: ArrayLike<number>; seed?: number },
): Int32Array {
  const { inDim, outDim } = w;
  let score: Float64Array;
  if (rule === 'activation') {
    if (!w.meanAbs || w.meanAbs.length !== inDim)
      throw new Error(`salientChannels: choosing by activation needs meanAbs of length ${inDim}`);
    score = Float64Array.from(w.meanAbs);
  } else if (rule === 'weightNorm') {
    score = new Float64Array(inDim);
    for (let i = 0; i < inDim; i++) for (let j = 0; j < outDim; j++) score[i] += w.weight[i * outDim + j] ** 2;
  } else if (rule === 'random') {
    const rng = mulberry32(w.seed ?? 1);
    score = Float64Array.from({ length: inDim }, () => rng());
  } else {
    throw new Error(`salientChannels: unknown rule ${JSON.stringify(rule)}; use activation, weightNorm or random`);
  }
  const order = Array.from({ length: inDim }, (_, i) => i).sort((a, b) => score[b] - score[a] || a - b);
  return Int32Array.from(order.slice(0, count));
}

/**
 * W [inDim, outDim] quantized except the rows of `keep`, which stay exactly fp32. The kept weights are left out of
 * their groups' min-max (set to 0 while quantizing), as a mixed-precision format storing them separately would.
 */
export function quantizeKeeping(
  weight: Float32Array,
  inDim: number,
  outDim: number,
  opts: GroupQuantOptions,
  keep: ArrayLike<number>,
): Float32Array {
  const w = weight.slice();
  for (const i of Array.from(keep)) w.fill(0, i * outDim, (i + 1) * outDim);
  const q = fakeQuantizeMatrix(w, inDim, outDim, opts);
  for (const i of Array.from(keep)) q.set(weight.subarray(i * outDim, (i + 1) * outDim), i * outDim);
  return q;
}
