// Lesson 6 (AWQ): the answers of the lesson's exercises, computed at build time with lib/quant and the alpha
// curve the lesson's widget opens on (site/data/awq.ts, computed with the same lib/quant call as the worker).
// tests/widgets/lessons/exercises.test.ts checks each one independently.
import { PRESETS } from '../../lib/config.ts';
import { quantizedBytes } from '../../lib/quant/group.ts';
import { keepCount } from '../../lib/quant/salient.ts';
import { ALPHA_DEFAULTS, awqWidgetDefaults } from '../../site/data/awq.ts';

/** A 4096 × 4096 matrix at 4 bits, groups of 128, float32 scales and 4-bit zero points: bytes, and fp32 over that. */
const N = 4096;
const int4 = quantizedBytes(N, N, { bits: 4, groupSize: 128, symmetric: false });
export const int4Matrix = { n: N, ...int4, answer: int4.total };
export const fp32Ratio = { fp32: 4 * N * N, answer: (4 * N * N) / int4.total };

/** Input channels kept in fp16 when 1% of our mlp.down's inputs are kept (AWQ's Table 1 experiment). */
const inDim = PRESETS.target.nFfn;
export const keepOne = { inDim, answer: keepCount(0.01, inDim) };

/** AlphaSlider: on the default layer, the largest α of the grid whose output error is within 10% of the best α's. */
const d = await awqWidgetDefaults();
if (!d) throw new Error('lesson 6 exercises: target-v1 is not in public/models');
const WITHIN = 0.1;
const best = d.alpha.points[d.alpha.best];
const ok = d.alpha.points.filter((p) => p.relError <= best.relError * (1 + WITHIN));
const largest = ok.reduce((a, p) => (p.alpha > a.alpha ? p : a));
export const alphaWithin = {
  within: WITHIN,
  settings: ALPHA_DEFAULTS,
  best: best.alpha,
  bestError: best.relError,
  answer: largest.alpha,
  errorAt: largest.relError,
  /** The slider's step is 0.05: a hundredth covers its float rounding and nothing else. */
  tolerance: 0.01 / largest.alpha,
};

export { bytes, count, percent, sig } from '../../site/widgets/_kit/format.ts';
