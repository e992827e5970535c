// AlphaSlider as plain data: the curve the worker (or the build) computed with lib/quant/experiment.ts alphaCurve,
// and the sentences for the selected α.
import type { AlphaPoint } from '../../../lib/quant/experiment.ts';
import { percent, sig } from '../_kit/format.ts';

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

export function alphaSentence(c: Curve, alpha: number): string {
  const p = c.points[pointAt(c, alpha)],
    b = c.points[c.best];
  return (
    `${c.layer}, α = ${sig(p.alpha, 2)}: output error ${percent(p.relError)} of round-to-nearest's` +
    ` (best α = ${sig(b.alpha, 2)}: ${percent(b.relError)}). Weights' effective step (Δ'/s)/Δ: median ${sig(p.stepRatio, 3)},` +
    ` coarser for ${percent(p.grewShare)} of them; for the most activated channel (${c.salientChannel}): ${sig(p.salientFactor, 3)}.`
  );
}
