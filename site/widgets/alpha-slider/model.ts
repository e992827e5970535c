// AlphaSlider as plain data: the curve the worker (or the build) computed with lib/quant/experiment.ts alphaCurve,
// and the sentence for the selected α (its words are in text.ts).
import type { AlphaPoint } from '../../../lib/quant/experiment.ts';
import type { Lang } from '../../i18n/lang.ts';
import { sig } from '../_kit/format.ts';
import { text } from './text.ts';

export interface Curve {
  layer: string;
  points: AlphaPoint[];
  best: number;
  rtnError: number;
  salientChannel: number;
}

/** Index of the grid point nearest α. */
export const pointAt = (c: Curve, alpha: number) =>
  Math.max(0, Math.min(c.points.length - 1, Math.round(alpha * c.points.length)));

/** The α the widget opens at: the grid point with the lowest output error, as the curve computed it. */
export const bestAlpha = (c: Curve) => c.points[c.best].alpha;

export function alphaSentence(c: Curve, alpha: number, lang: Lang = 'en'): string {
  const i = pointAt(c, alpha);
  return text[lang].sentence({
    layer: c.layer,
    point: c.points[i],
    best: c.points[c.best],
    atBest: i === c.best,
    salientChannel: c.salientChannel,
  });
}

/**
 * At least three labelled ticks for a log axis over [lo, hi]: 1-2-5 steps, or finer (1, 1.2, 1.5, 2, 3, 5, 7 per
 * decade) when the range is narrow, or else three points evenly spaced in log (unrounded: the axis formats them).
 */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0 && hi > lo)) return lo > 0 ? [lo] : [];
  for (const mantissas of [
    [1, 2, 5],
    [1, 1.2, 1.5, 2, 3, 5, 7],
  ]) {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
      for (const m of mantissas) {
        const v = sig(m * 10 ** e, 3);
        if (v >= lo && v <= hi) ticks.push(v);
      }
    if (ticks.length >= 3) return ticks;
  }
  const r = Math.log(hi / lo); // narrower than any 1-2-5 or finer step: three points, labelled by the chart's format
  return [0.1, 0.5, 0.9].map((f) => lo * Math.exp(f * r));
}
