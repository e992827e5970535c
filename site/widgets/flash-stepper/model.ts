// FlashStepper's data: the policy its toggles make, and the sentences and counters it shows. No DOM.
import type { FlashPolicy } from '../../../lib/flash/policy.ts';
import type { FlashStep } from '../../worker/handlers/flash-decode.ts';
import { bytes, count, duration, percent } from '../_kit/format.ts';

export interface StepperValues {
  neurons: 'all' | 'predictor' | 'exact';
  hybrid: boolean;
  window: number;
  budget: number;
  bundling: boolean;
}

export function policyOf(v: StepperValues): FlashPolicy {
  return {
    select: v.neurons,
    resident: v.hybrid ? 0.5 : 0,
    windowK: v.window,
    layout: v.bundling ? 'bundled' : 'separate',
    budget: v.budget,
  };
}

/** What one token (or the mean of several) cost: the counters of the worker's flash.next reply. */
export type StepCounts = Omit<FlashStep, 'id' | 'text' | 'memoryText' | 'same'>;

export function meanCounts(steps: StepCounts[]): StepCounts {
  const n = Math.max(1, steps.length);
  const sum = (f: (s: StepCounts) => number) => steps.reduce((a, s) => a + f(s), 0) / n;
  const curves = steps.filter((s) => s.curveMs !== null);
  return {
    bytes: sum((s) => s.bytes),
    reads: sum((s) => s.reads),
    neuronsLoaded: sum((s) => s.neuronsLoaded),
    neuronsChosen: sum((s) => s.neuronsChosen),
    dramBytes: sum((s) => s.dramBytes),
    readMs: sum((s) => s.readMs),
    paperMs: sum((s) => s.paperMs),
    curveMs: curves.length === steps.length && steps.length > 0 ? sum((s) => s.curveMs ?? 0) : null,
  };
}

export function countsText(c: StepCounts) {
  return {
    bytes: bytes(c.bytes),
    reads: count(Math.round(c.reads * 10) / 10),
    neurons: `${count(Math.round(c.neuronsLoaded))} of ${count(Math.round(c.neuronsChosen))} chosen`,
    dram: bytes(c.dramBytes),
    readMs: duration(c.readMs),
    paperMs: duration(c.paperMs),
    curveMs: c.curveMs === null ? 'measure your device above first' : duration(c.curveMs),
  };
}

export function summaryText(tokens: number, same: boolean | null, mean: StepCounts): string {
  if (tokens === 0)
    return `Per token with these settings (build-time mean over held-out text): ${bytes(mean.bytes)} read in ${count(Math.round(mean.reads))} reads, ${bytes(mean.dramBytes)} of FFN weights held in DRAM.`;
  return `${tokens} tokens generated with the FFN read from storage; ${same ? 'the text is the same as the model in memory writes' : 'the text differs from the model in memory'}. Per token: ${bytes(mean.bytes)} read in ${count(Math.round(mean.reads))} reads, ${bytes(mean.dramBytes)} held in DRAM, ${duration(mean.readMs)} inside the reads.`;
}

/** The budget as the slider's output shows it. */
export function budgetText(budget: number): string {
  return budget >= 1 ? '100% (no cap)' : percent(budget, 0);
}

/** Which rung of the build-time ablation (site/data/flash.json) these settings are, if any. */
export function ladderId(
  v: StepperValues,
  windowK: number,
): 'naive' | 'hybrid' | 'predictor' | 'window' | 'bundling' | null {
  if (v.budget < 1) return null;
  if (v.neurons === 'all') return !v.bundling && v.window === 0 ? (v.hybrid ? 'hybrid' : 'naive') : null;
  if (v.hybrid) return null;
  if (v.window === 0 && !v.bundling) return 'predictor';
  if (v.window === windowK) return v.bundling ? 'bundling' : 'window';
  return null;
}
