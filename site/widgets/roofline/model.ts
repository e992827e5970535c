// Roofline as plain data: the passes and their arithmetic intensity (lib's one definition, computed from the model's
// shapes, so the static view has them before anything is measured), and a measured run as rows and sentences.
import type { GPTConfig } from '../../../lib/config.ts';
import { arithmeticIntensity, attainableGflops, INT4, type WeightFormat } from '../../../lib/engine/intensity.ts';
import type { RooflinePoint } from '../../../lib/speculative/roofline-points.ts';
import type { Roofline } from '../../../lib/engine/roofline.ts';
import { bandwidth, bytes, count, percent, sig } from '../_kit/format.ts';

/** The engines on the plot, in legend order. */
export const ENGINES = ['tfjs', 'lean js', 'lean simd'] as const;
/** Context before the timed passes (measureDecodePoints' default). */
export const CONTEXT = 64;

export const weightsName = (w: WeightFormat) => (w.bits === 32 ? 'fp32' : w.bits === 4 ? 'int4' : 'int3');
export const passName = (tokens: number) => (tokens === 1 ? 'one token' : `tree of ${tokens}`);
export const gflops = (v: number) => `${sig(v, 3)} GFLOP/s`;
export const perByte = (v: number) => `${sig(v, 3)} FLOP/byte`;

/** The passes before any run: fp32 and int4, one token and a tree, with their intensities at context 64. */
export function passIntensities(cfg: GPTConfig, tree: number) {
  return [{ bits: 32 } as const, INT4].flatMap((weights) =>
    [1, tree].map((tokens) => ({
      weights: weightsName(weights),
      pass: passName(tokens),
      intensity: arithmeticIntensity(cfg, { tokens, context: CONTEXT, weights }),
    })),
  );
}

/** What the widget says before any run: the passes' intensities for this tree. */
export function beforeText(cfg: GPTConfig, tree: number): string {
  const passes = passIntensities(cfg, tree);
  return (
    `Before measuring: one fp32 token of target-v1 does ${perByte(passes[0].intensity)} (one multiply-add per 4-byte weight), ` +
    `a tree of ${tree} tokens ${perByte(passes[1].intensity)}, one int4 token ${perByte(passes[2].intensity)}. ` +
    'Press Measure to time your device (about 5 to 15 seconds).'
  );
}

export interface Measured {
  roof: Roofline;
  points: RooflinePoint[];
}

/** The ridge: the intensity at which the memory roof meets the compute roof. */
export const ridge = (roof: Roofline) => roof.computeGflops / roof.memoryGBs;

/**
 * One row per measured point, numbered as on the chart, with the roof above it and the share of it reached. A pass
 * faster than the memory roof allows read its weights from cache, not memory (target-v1's few MB fit in many
 * devices' caches): the compute roof is its roof.
 */
export function pointRows({ roof, points }: Measured) {
  return points.map((p, i) => {
    const memoryRoof = roof.memoryGBs * p.intensity;
    const inCache = p.gflops > memoryRoof && memoryRoof < roof.computeGflops;
    const attainable = inCache ? roof.computeGflops : attainableGflops(roof, p.intensity);
    return {
      n: i + 1,
      engine: p.engine,
      weights: weightsName(p.weights),
      pass: passName(p.tokens),
      intensity: p.intensity,
      gflops: p.gflops,
      attainable,
      share: p.gflops / attainable,
      tokensPerSec: (1000 * p.tokens) / p.msPerPass,
      bytes: p.bytes,
      bound: inCache ? 'compute: weights in cache' : p.intensity < ridge(roof) ? 'memory' : 'compute',
    };
  });
}

export function roofSentence(roof: Roofline): string {
  return (
    `Your device: compute roof ${gflops(roof.computeGflops)} (the ${roof.kernels === 'simd' ? 'WebAssembly SIMD' : 'plain-JavaScript'} ` +
    `matrix-vector kernel on a ${roof.computeShape.join(' × ')} matrix that stays in cache), memory roof ` +
    `${bandwidth(roof.memoryGBs * 1e9)} (the same kernel streaming ${count(Math.round(roof.memoryBytes / 2 ** 20))} MiB), ` +
    `so the ridge is at ${perByte(ridge(roof))}.`
  );
}

/** What the run says, in words: the roofs, then the fastest one-token fp32 pass against the roof above it. */
export function summary(m: Measured): string {
  const rows = pointRows(m);
  const one = rows.filter((r) => r.weights === 'fp32' && r.pass === 'one token');
  const best = one.reduce((a, b) => (b.gflops > a.gflops ? b : a), one[0]);
  const tfjs = one.find((r) => r.engine === 'tfjs');
  const parts = [roofSentence(m.roof)];
  if (best) {
    const memoryRoof = m.roof.memoryGBs * best.intensity;
    parts.push(
      `One fp32 token of target-v1 does one multiply-add (2 FLOP) per 4-byte weight: ${perByte(best.intensity)} with the ` +
        `KV cache, so from memory it could reach ${gflops(memoryRoof)}. ${best.engine} reaches ${gflops(best.gflops)} ` +
        `(${count(Math.round(best.tokensPerSec))} tokens/s)` +
        (best.bound === 'compute: weights in cache'
          ? `: above the memory roof, because the pass's ${bytes(best.bytes)} stay in your device's cache; ` +
            `that is ${percent(best.share)} of the compute roof. A model larger than the cache would sit on the memory roof.`
          : `, ${percent(best.share)} of the roof there (${best.bound}-bound).`) +
        (tfjs && tfjs !== best ? ` tfjs reaches ${gflops(tfjs.gflops)}.` : ''),
    );
  }
  const over = rows.filter((r) => r.share > 1);
  if (over.length)
    parts.push(
      `${over.length === 1 ? 'Pass' : 'Passes'} ${over.map((r) => r.n).join(', ')} ran faster than the roof the probe measured: ` +
        'other work on your device slowed the probe more than the pass. Measure again for a steadier roof.',
    );
  return parts.join(' ');
}
