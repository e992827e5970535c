// The paper's error argument (AWQ §3.2, Eq. 2–3), on numbers: scale one weight w of a group by s before rounding
// and divide its input by s. Its output error becomes Δ'·RoundErr(ws/Δ')·x/s instead of Δ·RoundErr(w/Δ)·x, so the
// ratio is (Δ'/Δ)/s when RoundErr averages the same (≈ 0.25 of a step) either way; Δ' > Δ only when w·s becomes
// the group's largest magnitude, and then every other weight of the group gets a coarser step too.
// Symmetric quantizer (the paper's Eq. 1; lib's constant 2^(N−1) − 1, which cancels in Δ'/Δ).
import { mulberry32, randn, randInt } from '../random.ts';

/** Symmetric step Δ of a group: max|w| / (2^(bits−1) − 1). */
export function symmetricStep(w: ArrayLike<number>, bits: number): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) m = Math.max(m, Math.abs(w[i]));
  return m / ((1 << (bits - 1)) - 1);
}

/** Round to the symmetric grid of step Δ, clamped to the code range. */
export function roundTo(v: number, step: number, bits: number): number {
  if (step === 0) return 0;
  const hi = (1 << (bits - 1)) - 1,
    lo = -(1 << (bits - 1));
  return Math.min(hi, Math.max(lo, Math.round(v / step))) * step;
}

export interface GroupScaling {
  step: number; // Δ
  scaledStep: number; // Δ'
  /** Every weight's reconstruction, in original units: Q(w) and (for the salient one) Q(w·s)/s, the others Q'(w). */
  before: number[];
  after: number[];
  /** |error| of the salient weight in units of Δ before (RoundErr) and of Δ' after (on w·s). */
  roundErrBefore: number;
  roundErrAfter: number;
  /** The salient weight's output error |ΔW|·x before and after, for input x (after: with x/s). */
  outputErrBefore: number;
  outputErrAfter: number;
}

/** What scaling weight `salient` of group `w` by `s` does, for an input x on that channel. */
export function scaleOneWeight(w: number[], salient: number, s: number, bits: number, x = 1): GroupScaling {
  const step = symmetricStep(w, bits);
  const scaled = w.map((v, i) => (i === salient ? v * s : v));
  const scaledStep = symmetricStep(scaled, bits);
  const before = w.map((v) => roundTo(v, step, bits));
  const after = scaled.map((v, i) => roundTo(v, scaledStep, bits) / (i === salient ? s : 1));
  const ws = w[salient] * s;
  return {
    step,
    scaledStep,
    before,
    after,
    roundErrBefore: step ? Math.abs(w[salient] - before[salient]) / step : 0,
    roundErrAfter: scaledStep ? Math.abs(ws - roundTo(ws, scaledStep, bits)) / scaledStep : 0,
    outputErrBefore: Math.abs(w[salient] - before[salient]) * x,
    outputErrAfter: Math.abs(ws - roundTo(ws, scaledStep, bits)) * (x / s),
  };
}

export interface MonteCarlo {
  groups: number;
  /** Mean Δ'/Δ and share of groups whose Δ changed. */
  meanStepRatio: number;
  changedShare: number;
  /** Mean RoundErr of the salient weight, in steps, before and after scaling (≈ 0.25 each if rounding is uniform). */
  meanRoundErrBefore: number;
  meanRoundErrAfter: number;
  /** The same after scaling, over the groups whose Δ did not change (w·s stayed below the group's max). When w·s
   *  becomes the max it sits exactly on the top of the grid (RoundErr 0), so the overall mean drops below 0.25. */
  meanRoundErrAfterUnchanged: number;
  /** Measured mean output error after / before, and the paper's prediction (mean Δ'/Δ)/s. */
  errorRatio: number;
  predictedRatio: number;
  /** Mean |error| of the other (non-salient) weights after / before: what a larger Δ' costs them. */
  othersErrorRatio: number;
}

/** `groups` random Gaussian groups; in each, one random weight is the salient one and is scaled by s. Seeded. */
export function monteCarloScaling({ groups = 10000, groupSize = 128, bits = 4, s = 2, seed = 1 } = {}): MonteCarlo {
  const rng = mulberry32(seed);
  let ratioSum = 0,
    changed = 0,
    rb = 0,
    ra = 0,
    raSame = 0,
    eb = 0,
    ea = 0,
    ob = 0,
    oa = 0;
  const w = new Array<number>(groupSize);
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < groupSize; i++) w[i] = randn(rng);
    const k = randInt(rng, 0, groupSize - 1);
    const r = scaleOneWeight(w, k, s, bits);
    ratioSum += r.scaledStep / r.step;
    if (r.scaledStep !== r.step) changed++;
    else raSame += r.roundErrAfter;
    rb += r.roundErrBefore;
    ra += r.roundErrAfter;
    eb += r.outputErrBefore;
    ea += r.outputErrAfter;
    for (let i = 0; i < groupSize; i++)
      if (i !== k) {
        ob += Math.abs(w[i] - r.before[i]);
        oa += Math.abs(w[i] - r.after[i]);
      }
  }
  const meanStepRatio = ratioSum / groups;
  return {
    groups,
    meanStepRatio,
    changedShare: changed / groups,
    meanRoundErrBefore: rb / groups,
    meanRoundErrAfter: ra / groups,
    meanRoundErrAfterUnchanged: raSame / Math.max(1, groups - changed),
    errorRatio: ea / eb,
    predictedRatio: meanStepRatio / s,
    othersErrorRatio: oa / ob,
  };
}
