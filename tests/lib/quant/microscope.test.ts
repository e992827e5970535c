// The error microscope's arithmetic: the paper's worked example, and the Monte Carlo reproducing Eq. 2–3's claims.
import { describe, expect, it } from 'vitest';
import { monteCarloScaling, scaleOneWeight, symmetricStep } from '../../../lib/quant/microscope.ts';

describe('scaleOneWeight', () => {
  it("halves a salient weight's output error at s = 2 when Δ is unchanged; widens every step when w·s becomes the max", () => {
    const w = [0.9, -0.5, 0.3, 0.1];
    expect(symmetricStep(w, 4)).toBeCloseTo(0.9 / 7, 12);
    const r2 = scaleOneWeight(w, 2, 2, 4, 10);
    expect(r2.scaledStep).toBe(r2.step);
    const r1 = scaleOneWeight(w, 2, 1, 4, 10);
    expect(r2.outputErrAfter).toBeLessThan(r1.outputErrBefore);
    const r4 = scaleOneWeight(w, 2, 4, 4, 10);
    expect(r4.scaledStep / r4.step).toBeCloseTo(1.2 / 0.9, 6); // 0.3·4 = 1.2 is the new max
    expect(r4.after[0]).not.toBe(r4.before[0]);
  });
});

describe('monteCarloScaling (10,000 random groups)', () => {
  it("RoundErr averages ≈ 0.25 steps where Δ is unchanged, and the error ratio is at most (Δ'/Δ)/s (close to it for small s)", () => {
    for (const s of [1.25, 2, 4]) {
      const m = monteCarloScaling({ groups: 10000, groupSize: 128, bits: 4, s, seed: 3 });
      expect(m.meanRoundErrBefore).toBeGreaterThan(0.24);
      expect(m.meanRoundErrBefore).toBeLessThan(0.26);
      expect(m.meanRoundErrAfterUnchanged).toBeGreaterThan(0.24);
      expect(m.meanRoundErrAfterUnchanged).toBeLessThan(0.26);
      // When w·s becomes the max it lands on the grid exactly, so the measured ratio beats the prediction.
      expect(m.errorRatio).toBeLessThan(m.predictedRatio * 1.02);
    }
    const m = monteCarloScaling({ s: 1.25, seed: 3 });
    expect(m.errorRatio / m.predictedRatio).toBeGreaterThan(0.95);
    const small = monteCarloScaling({ s: 1.25, seed: 4 }),
      big = monteCarloScaling({ s: 4, seed: 4 });
    expect(small.changedShare).toBeLessThan(big.changedShare);
    expect(big.meanStepRatio).toBeGreaterThan(small.meanStepRatio);
    expect(big.othersErrorRatio).toBeGreaterThan(1); // a coarser step costs the other weights
    expect(monteCarloScaling({ s: 1 }).errorRatio).toBe(1);
  });
});
