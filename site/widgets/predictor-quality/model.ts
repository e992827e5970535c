// PredictorQuality as plain data (no DOM): the sentences for one threshold of the predictor's validation sweep
// (predictor-v1's card.json, written by scripts/train-predictors.ts), used by the shell and the element alike.
import { count, percent, signedDecimal, signedPercent } from '../_kit/format.ts';

export interface SweepPoint {
  threshold: number;
  recall: number;
  precision: number;
  computedShare: number;
  lossChange: number;
}

/** What the shell ships to the element. */
export interface PredictorData {
  sweep: SweepPoint[];
  calibration: Omit<SweepPoint, 'lossChange'>[];
  activeShare: number;
  nFfn: number;
}

/** Perplexity change of a loss change (nats/token): exp(Δ) − 1. */
export const perplexityChange = (lossChange: number) => Math.expm1(lossChange);

export function pointText(
  p: SweepPoint,
  nFfn: number,
): { head: string; recall: string; computed: string; loss: string } {
  return {
    head: `Threshold ${p.threshold}`,
    recall: `${percent(p.recall)} of the neurons that fire are predicted (precision ${percent(p.precision)}).`,
    computed: `${percent(p.computedShare)} of neurons computed, about ${count(Math.round(p.computedShare * nFfn))} of ${count(nFfn)} per layer and token.`,
    loss: `Loss ${signedDecimal(p.lossChange, 4)} nats/token vs dense: perplexity ${signedPercent(perplexityChange(p.lossChange))}.`,
  };
}

/** The aria-live summary for one sweep point. */
export function summaryText(p: SweepPoint, nFfn: number): string {
  const t = pointText(p, nFfn);
  return `${t.head}: ${t.recall} ${t.computed} ${t.loss}`;
}

/** Index of the sweep point nearest the predictor's own threshold. */
export function defaultStep(sweep: SweepPoint[], threshold: number): number {
  let best = 0;
  sweep.forEach((p, i) => {
    if (Math.abs(p.threshold - threshold) < Math.abs(sweep[best].threshold - threshold)) best = i;
  });
  return best;
}
