// FlashStepper's data: the policy its toggles make, the counters' means and the build-time rung they match. No DOM;
// the words are in text.ts.
import type { FlashPolicy } from '../../../lib/flash/policy.ts';
import type { FlashStep } from '../../worker/handlers/flash-decode.ts';

export interface StepperValues {
  neurons: 'all' | 'predictor' | 'exact';
  hybrid: boolean;
  window: number;
  budget: number;
  bundling: boolean;
}

/**
 * The policy the toggles make. "all" is the naive rung: it reads every neuron every token, so the window does not
 * apply (a window over "all" would keep the whole FFN in DRAM after one token and read 0 B from then on).
 */
export function policyOf(v: StepperValues): FlashPolicy {
  return {
    select: v.neurons,
    resident: v.hybrid ? 0.5 : 0,
    windowK: v.neurons === 'all' ? 0 : v.window,
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

/** Which rung of the build-time ablation (site/data/flash.json) these settings are, if any. */
export function ladderId(
  v: StepperValues,
  windowK: number,
): 'naive' | 'hybrid' | 'predictor' | 'window' | 'bundling' | null {
  if (v.budget < 1) return null;
  if (v.neurons === 'all') return v.bundling ? null : v.hybrid ? 'hybrid' : 'naive'; // the window never applies
  if (v.hybrid) return null;
  if (v.window === 0 && !v.bundling) return 'predictor';
  if (v.window === windowK) return v.bundling ? 'bundling' : 'window';
  return null;
}

/** The build-time ablation (site/data/flash.json), as the shell ships it to the element. */
export interface Ablation {
  model: string;
  windowK: number;
  tokens: number;
  exact: (Omit<StepCounts, 'curveMs'> & { id: string })[];
  predictor: (Omit<StepCounts, 'curveMs'> & { id: string })[];
}

/** The ablation as the page carries it, from the build's measurements (site/data/flash.json's shape). */
export function ablationOf(data: {
  model: string;
  ablation: Pick<Ablation, 'windowK' | 'predictor'> & { exact: (Ablation['exact'][number] & { tokens: number })[] };
}): Ablation {
  const { windowK, exact, predictor } = data.ablation;
  return { model: data.model, windowK, tokens: exact[0].tokens, exact, predictor };
}

/** The build-time mean per token for these settings, if they are a rung of the ablation; else undefined. */
export function buildMean(v: StepperValues & { model: string }, a: Ablation): StepCounts | undefined {
  const rung = v.model === a.model ? ladderId(v, a.windowK) : null;
  if (!rung) return undefined;
  const row = (v.neurons === 'predictor' ? a.predictor : a.exact).find((r) => r.id === rung);
  if (!row) return undefined;
  const { bytes, reads, neuronsLoaded, neuronsChosen, dramBytes, readMs, paperMs } = row;
  return { bytes, reads, neuronsLoaded, neuronsChosen, dramBytes, readMs, paperMs, curveMs: null };
}
