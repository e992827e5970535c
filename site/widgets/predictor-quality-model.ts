// The parts of PredictorQuality that are plain data (no DOM): its URL state and the sentences for one threshold of
// the predictor's validation sweep (from predictor-v1's card.json, written by scripts/train-predictors.ts).
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { grouped, percent } from './vecmat-scale-model.ts';

export const PREDICTOR_SPEC = {
  /** Index into the validation sweep's thresholds (lowest first). */
  step: { kind: 'number', min: 0, max: 19, integer: true },
} as const satisfies StateSpec;
export type PredictorValues = StateValues<typeof PREDICTOR_SPEC>;
export const PREDICTOR_EXTRA_CONTROLS = ['chart'] as const;

export interface SweepPoint { threshold: number; recall: number; precision: number; computedShare: number; lossChange: number }

/** Perplexity change of a loss change (nats/token): exp(Δ) − 1. */
export const perplexityChange = (lossChange: number) => Math.expm1(lossChange);

export const signedPercent = (f: number) => `${f >= 0 ? '+' : '−'}${+(Math.abs(f) * 100).toFixed(2)}%`;

export function pointText(p: SweepPoint, nFfn: number): { head: string; recall: string; computed: string; loss: string } {
  return {
    head: `Threshold ${p.threshold}`,
    recall: `${percent(p.recall)} of the neurons that fire are predicted (precision ${percent(p.precision)}).`,
    computed: `${percent(p.computedShare)} of neurons computed, about ${grouped(Math.round(p.computedShare * nFfn))} of ${grouped(nFfn)} per layer and token.`,
    loss: `Loss ${p.lossChange >= 0 ? '+' : '−'}${Math.abs(p.lossChange).toFixed(4)} nats/token vs dense: perplexity ${signedPercent(perplexityChange(p.lossChange))}.`,
  };
}

/** Index of the sweep point nearest the predictor's own threshold. */
export function defaultStep(sweep: SweepPoint[], threshold: number): number {
  let best = 0;
  sweep.forEach((p, i) => {
    if (Math.abs(p.threshold - threshold) < Math.abs(sweep[best].threshold - threshold)) best = i;
  });
  return best;
}
