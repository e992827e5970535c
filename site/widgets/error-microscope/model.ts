// ErrorMicroscope as plain data: the 8-weight example group for a seed, what scaling its salient weight does
// (lib/quant/microscope.ts), and the sentences shown for it and for the Monte Carlo.
import { mulberry32, randn } from '../../../lib/random.ts';
import { scaleOneWeight, type GroupScaling, type MonteCarlo } from '../../../lib/quant/microscope.ts';
import { count, percent, sig, times } from '../_kit/format.ts';

export const GROUP = 8;

/** A seeded group of 8 Gaussian weights; the salient one is the 4th largest in magnitude (not the group's max). */
export function exampleGroup(seed: number): { w: number[]; salient: number } {
  const rng = mulberry32(seed);
  const w = Array.from({ length: GROUP }, () => Math.round(randn(rng) * 1000) / 1000); // 3 decimals, so the example reads cleanly
  const order = w.map((v, i) => [Math.abs(v), i]).sort((a, b) => b[0] - a[0]);
  return { w, salient: order[3][1] };
}

export function groupScaling(seed: number, s: number, bits: number): GroupScaling & { w: number[]; salient: number } {
  const { w, salient } = exampleGroup(seed);
  return { ...scaleOneWeight(w, salient, s, bits), w, salient };
}

export function groupSentence(g: ReturnType<typeof groupScaling>, s: number): string {
  const changed = g.scaledStep !== g.step;
  return (
    `Weight ${sig(g.w[g.salient], 3)} times s = ${sig(s, 3)}: ` +
    (changed
      ? `it becomes the group's largest, so the step grows from ${sig(g.step, 3)} to ${sig(g.scaledStep, 3)} (${times(g.scaledStep / g.step)}) for all 8 weights. `
      : `the step stays ${sig(g.step, 3)}. `) +
    `Its error after dividing by s: ${sig(g.outputErrAfter, 2)} against ${sig(g.outputErrBefore, 2)} unscaled.`
  );
}

export function monteCarloSentence(m: MonteCarlo, s: number): string {
  return (
    `${count(m.groups)} random groups of 128, one weight scaled by ${sig(s, 3)}: the step changed in ${percent(m.changedShare)} of groups ` +
    `(mean Δ'/Δ ${sig(m.meanStepRatio, 4)}); the salient weight's error fell to ${percent(m.errorRatio)} of unscaled ` +
    `against the paper's estimate (Δ'/Δ)/s = ${percent(m.predictedRatio)}; its rounding error averaged ${sig(m.meanRoundErrBefore, 3)} steps before ` +
    `and ${sig(m.meanRoundErrAfterUnchanged, 3)} after in groups whose step did not change; other weights' error ×${sig(m.othersErrorRatio, 3)}.`
  );
}

/** The message for a typed value outside a number box's range (the box keeps its last good value until fixed). */
export function outOfRangeNote(
  label: string,
  raw: string,
  p: { kind: 'int' | 'number'; min: number; max: number },
): string | null {
  const n = raw.trim() === '' ? NaN : Number(raw);
  const whole = p.kind === 'int';
  if (Number.isFinite(n) && n >= p.min && n <= p.max && (!whole || Number.isInteger(n))) return null;
  return `${label}: “${raw}” is not ${whole ? 'a whole number' : 'a number'} from ${p.min} to ${p.max}; the widget still shows the last valid value.`;
}
