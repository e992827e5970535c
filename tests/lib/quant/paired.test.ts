// The paired bootstrap interval (lib/quant/paired.ts): coverage on synthetic data with a known mean difference, and
// why pairing matters.
import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '../../../lib/random.ts';
import { pairedBootstrap, withinNoise } from '../../../lib/quant/paired.ts';

describe('pairedBootstrap', () => {
  it('covers the true mean difference about 95% of the time (200 synthetic experiments)', () => {
    const rng = mulberry32(3);
    let covered = 0;
    for (let e = 0; e < 200; e++) {
      const n = 2048,
        shift = 0.01;
      const a = new Float64Array(n),
        b = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const hard = 3 + randn(rng); // shared difficulty of the token
        b[i] = hard;
        a[i] = hard + shift + 0.05 * randn(rng);
      }
      const ci = pairedBootstrap(a, b, { resamples: 400, block: 1, seed: e + 1 });
      expect(ci.lo).toBeLessThanOrEqual(ci.mean);
      expect(ci.hi).toBeGreaterThanOrEqual(ci.mean);
      if (ci.lo <= shift && shift <= ci.hi) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.9);
    expect(covered / 200).toBeLessThan(0.99);
  });

  it('is far narrower than the unpaired spread when the tokens share their difficulty, and is seeded', () => {
    const rng = mulberry32(5);
    const n = 4096;
    const b = Float64Array.from({ length: n }, () => 3 + randn(rng));
    const a = b.map((x) => x + 0.002 + 0.01 * randn(rng));
    const ci = pairedBootstrap(a, b, { block: 128 });
    expect(ci.hi - ci.lo).toBeLessThan(0.002); // each loss alone has a standard error of ~1/√4096 ≈ 0.016
    expect(pairedBootstrap(a, b, { block: 128 })).toEqual(ci);
    expect(withinNoise(ci)).toBe(false);
    expect(withinNoise(pairedBootstrap(b, b))).toBe(true);
  });

  it('widens when neighbouring tokens move together and blocks respect that', () => {
    const rng = mulberry32(8);
    const n = 4096;
    const b = new Float64Array(n);
    const a = new Float64Array(n);
    let drift = 0;
    for (let i = 0; i < n; i++) {
      if (i % 128 === 0) drift = 0.05 * randn(rng); // a whole window is easier or harder for model a
      b[i] = 3 + randn(rng);
      a[i] = b[i] + drift + 0.01 * randn(rng);
    }
    const single = pairedBootstrap(a, b, { block: 1 }),
      windows = pairedBootstrap(a, b, { block: 128 });
    expect(windows.hi - windows.lo).toBeGreaterThan(2 * (single.hi - single.lo));
  });

  it('rejects unpaired or empty inputs', () => {
    expect(() => pairedBootstrap([1, 2], [1])).toThrow(/same tokens/);
    expect(() => pairedBootstrap([], [])).toThrow(/no tokens/);
  });
});
