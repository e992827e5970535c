// Roofline as plain data: the passes and their arithmetic intensity (lib's one definition, computed from the model's
// shapes, so the static view has them before anything is measured), and a measured run as rows; text.ts says them.
import type { GPTConfig } from '../../../lib/config.ts';
import { arithmeticIntensity, attainableGflops, INT4, type WeightFormat } from '../../../lib/engine/intensity.ts';
import type { RooflinePoint } from '../../../lib/speculative/roofline-points.ts';
import type { Roofline } from '../../../lib/engine/roofline.ts';
import { sig } from '../_kit/format.ts';

/** The engines on the plot, in legend order. */
export const ENGINES = ['tfjs', 'lean js', 'lean simd'] as const;
/** Context before the timed passes (measureDecodePoints' default). */
export const CONTEXT = 64;

export const weightsName = (w: WeightFormat) => (w.bits === 32 ? 'fp32' : w.bits === 4 ? 'int4' : 'int3');
export const gflops = (v: number) => `${sig(v, 3)} GFLOP/s`;
export const perByte = (v: number) => `${sig(v, 3)} FLOP/byte`;

/** The passes before any run: fp32 and int4, one token and a tree, with their intensities at context 64. */
export function passIntensities(cfg: GPTConfig, tree: number) {
  return [{ bits: 32 } as const, INT4].flatMap((weights) =>
    [1, tree].map((tokens) => ({
      weights: weightsName(weights),
      tokens,
      intensity: arithmeticIntensity(cfg, { tokens, context: CONTEXT, weights }),
    })),
  );
}

/** Which roof limits a pass: memory, compute, or compute because its weights stayed in cache. */
export type Bound = 'memory' | 'compute' | 'cache';

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
      tokens: p.tokens,
      intensity: p.intensity,
      gflops: p.gflops,
      attainable,
      share: p.gflops / attainable,
      tokensPerSec: (1000 * p.tokens) / p.msPerPass,
      bytes: p.bytes,
      bound: (inCache ? 'cache' : p.intensity < ridge(roof) ? 'memory' : 'compute') as Bound,
    };
  });
}

/**
 * What a run's summary is about (text.ts says it): the fastest one-token fp32 pass, tfjs's, and the passes that beat
 * the roof the probe measured.
 */
export function runFacts(m: Measured) {
  const rows = pointRows(m);
  const one = rows.filter((r) => r.weights === 'fp32' && r.tokens === 1);
  const best = one.reduce((a, b) => (b.gflops > a.gflops ? b : a), one[0]);
  const tfjs = one.find((r) => r.engine === 'tfjs');
  return {
    best,
    memoryRoof: best ? m.roof.memoryGBs * best.intensity : 0,
    tfjs: tfjs && tfjs !== best ? tfjs : undefined,
    over: rows.filter((r) => r.share > 1).map((r) => r.n),
  };
}
