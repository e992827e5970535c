// The roofline's arithmetic against shapes counted by hand, and the probe and the pass measurement on a fake clock
// (every reading of the clock advances it by 1 ms, so each timed round is exactly one call of 1 ms and the rates
// follow from the shapes alone).
import { describe, expect, it } from 'vitest';
import { leanEngine } from '../../../lib/engine/index.ts';
import {
  arithmeticIntensity,
  attainableGflops,
  bytesPerWeight,
  INT4,
  passBytes,
  passFlops,
} from '../../../lib/engine/intensity.ts';
import { measurePass } from '../../../lib/speculative/roofline-points.ts';
import { int4Linears, leanDecodeRate, measureRoofline } from '../../../lib/engine/roofline.ts';
import type { GPTConfig } from '../../../lib/config.ts';
import { randomModel } from '../node-model.ts';

// target-v1's shapes (public/models/target-v1/config.json).
const TARGET: GPTConfig = { vocabSize: 512, blockSize: 128, nLayer: 4, nHead: 4, nEmbd: 128, nFfn: 512 };
const fakeClock = () => {
  let t = 0;
  return () => ++t;
};

describe('arithmetic intensity', () => {
  // Counted by hand for target-v1: per layer qkv 128×384 = 49,152, proj 128×128 = 16,384, up 128×512 = 65,536,
  // down 512×128 = 65,536: 196,608 weights, 786,432 in 4 layers; the tied head 512×128 = 65,536.
  // One token at context 64: 2 × (786,432 + 65,536) + 4 layers × 4 × 64 × 128 = 1,703,936 + 131,072 = 1,835,008 FLOP.
  // fp32 bytes: 786,432 × 4 + 65,536 × 4 + KV 4 layers × 2 × 64 × 128 × 4 = 3,145,728 + 262,144 + 262,144.
  it('one fp32 token of target-v1 at context 64: 1,835,008 FLOP over 3,670,016 bytes = 0.5 FLOP per byte', () => {
    const pass = { tokens: 1, context: 64, weights: { bits: 32 } } as const;
    expect(passFlops(TARGET, pass)).toBe(1_835_008);
    expect(passBytes(TARGET, pass)).toBe(3_670_016);
    expect(arithmeticIntensity(TARGET, pass)).toBe(0.5);
  });

  it('int4 in groups of 64 reads 0.5 + 8/64 bytes per weight of the linears; the head stays fp32', () => {
    expect(bytesPerWeight(INT4)).toBe(0.625);
    const pass = { tokens: 1, context: 64, weights: INT4 };
    // 786,432 × 0.625 = 491,520, + 262,144 (head) + 262,144 (KV cache)
    expect(passBytes(TARGET, pass)).toBe(1_015_808);
    expect(arithmeticIntensity(TARGET, pass)).toBeCloseTo(1_835_008 / 1_015_808, 12);
  });

  it('a pass over T tokens does T times the FLOPs for the same bytes', () => {
    for (const tokens of [2, 8, 16]) {
      const one = { tokens: 1, context: 40, weights: { bits: 32 } } as const;
      const many = { ...one, tokens };
      expect(passFlops(TARGET, many)).toBe(tokens * passFlops(TARGET, one));
      expect(passBytes(TARGET, many)).toBe(passBytes(TARGET, one));
      expect(arithmeticIntensity(TARGET, many)).toBeCloseTo(tokens * arithmeticIntensity(TARGET, one), 12);
    }
  });

  it('the attainable rate is the memory roof times intensity below the ridge, the compute roof above it', () => {
    const roof = { computeGflops: 10, memoryGBs: 4 }; // ridge at 2.5 FLOP per byte
    expect(attainableGflops(roof, 0.5)).toBe(2);
    expect(attainableGflops(roof, 2.5)).toBe(10);
    expect(attainableGflops(roof, 8)).toBe(10);
  });
});

describe('the probe on a fake clock', () => {
  it('measureRoofline: the best shape is the one with most FLOPs per (1 ms) call; memory counts the weight bytes', () => {
    const shapes: [number, number][] = [
      [64, 128],
      [128, 256],
      [96, 64],
    ];
    const r = measureRoofline(shapes, { budgetMs: 1, memoryMB: 1, kernels: 'js', now: fakeClock() });
    expect(r.kernels).toBe('js');
    expect(r.computeShape).toEqual([128, 256]);
    expect(r.computeGflops).toBeCloseTo((2 * 128 * 256) / 1e6, 12); // 2nm FLOP in 1 ms
    expect(r.memoryBytes).toBe(4 * 4096 * 64); // 1 MiB of fp32 rows of 4096, 64 columns
    expect(r.memoryGBs).toBeCloseTo(r.memoryBytes / 1e6, 12);
  });

  it('measurePass: a point per pass shape, its rate from the timed calls and its FLOPs', () => {
    const model = randomModel({ vocabSize: 256, blockSize: 96, nLayer: 2, nHead: 2, nEmbd: 64, nFfn: 128 });
    const cfg = model.config;
    for (const weights of [{ bits: 32 } as const, INT4]) {
      const engine = leanEngine(model, {
        kernels: 'js',
        quantized: weights.bits === 4 ? int4Linears(cfg, model.exportWeights()) : undefined,
      });
      for (const tokens of [1, 8]) {
        const p = measurePass(engine, cfg, 'lean js', { tokens, context: 24, weights }, { ms: 1, now: fakeClock() });
        // 32 positions a window: one-token passes span contexts 24..55 (mean 39.5, rounded), 8-token trees 24..48.
        expect(p.context).toBe(tokens === 1 ? 40 : 36);
        expect(p.msPerPass).toBe(1);
        expect(p.flops).toBe(passFlops(cfg, p));
        expect(p.bytes).toBe(passBytes(cfg, p));
        expect(p.intensity).toBeCloseTo(p.flops / p.bytes, 12);
        expect(p.gflops).toBeCloseTo(p.flops / 1e6, 12);
        expect(p.engine).toBe('lean js');
        expect(p.weights).toBe(weights);
      }
    }
    model.dispose();
  });

  it('measurePass refuses a pass that does not fit in the context', () => {
    const model = randomModel({ vocabSize: 256, blockSize: 64, nLayer: 1, nHead: 2, nEmbd: 16, nFfn: 32 });
    const engine = leanEngine(model, { kernels: 'js' });
    expect(() => measurePass(engine, model.config, 'x', { tokens: 8, context: 30, weights: { bits: 32 } })).toThrow(
      /context must leave 40 of the 64 positions free/,
    );
    model.dispose();
  });
});

describe('leanDecodeRate', () => {
  it('times only the one-token steps, through lib/timing, sweeping the second half of the ids', () => {
    const engine = leanEngine(randomModel({ blockSize: 32 }));
    const ids = Array.from({ length: 12 }, (_, i) => (i * 37) % 256);
    // The clock moves only when the engine runs: 2 ms per one-token step, 50 ms per prompt pass. A prompt pass
    // inside the timed region would pull the rate below 500 tokens/s.
    let t = 0,
      steps = 0,
      longest = 0;
    const run = engine.run.bind(engine);
    engine.run = (tokens, opts) => {
      t += tokens.length === 1 ? 2 : 50;
      if (tokens.length === 1) steps++;
      const out = run(tokens, opts);
      longest = Math.max(longest, engine.length);
      return out;
    };
    expect(leanDecodeRate(engine, ids, { ms: 30, now: () => t })).toBe(500);
    expect(steps).toBeGreaterThan(ids.length); // more than one sweep: the cache was cut back to the prompt
    expect(longest).toBe(ids.length);
  });
});
