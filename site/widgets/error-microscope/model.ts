// ErrorMicroscope as plain data: the 8-weight example group for a seed, what scaling its salient weight does
// (lib/quant/microscope.ts), and the sentences shown for it and for the Monte Carlo (their words are in text.ts).
import { mulberry32, randn } from '../../../lib/random.ts';
import { scaleOneWeight, type GroupScaling, type MonteCarlo } from '../../../lib/quant/microscope.ts';
import type { Lang } from '../../i18n/lang.ts';
import { text } from './text.ts';

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

export const groupSentence = (g: ReturnType<typeof groupScaling>, s: number, lang: Lang = 'en') =>
  text[lang].group(g, s);

export const monteCarloSentence = (m: MonteCarlo, s: number, lang: Lang = 'en') => text[lang].monteCarlo(m, s);

/** The message for a typed value outside a number box's range (the box keeps its last good value until fixed). */
export function outOfRangeNote(
  label: string,
  raw: string,
  p: { kind: 'int' | 'number'; min: number; max: number },
  lang: Lang = 'en',
): string | null {
  const n = raw.trim() === '' ? NaN : Number(raw);
  const whole = p.kind === 'int';
  if (Number.isFinite(n) && n >= p.min && n <= p.max && (!whole || Number.isInteger(n))) return null;
  return text[lang].outOfRange(label, raw, whole, p.min, p.max);
}
