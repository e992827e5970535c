// PredictorQuality as plain data (no DOM): the predictor's validation sweep (predictor-v1's card.json, written by
// scripts/train-predictors.ts) and the threshold nearest its own; text.ts says a point in words.

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

/** Index of the sweep point nearest the predictor's own threshold. */
export function defaultStep(sweep: SweepPoint[], threshold: number): number {
  let best = 0;
  sweep.forEach((p, i) => {
    if (Math.abs(p.threshold - threshold) < Math.abs(sweep[best].threshold - threshold)) best = i;
  });
  return best;
}
