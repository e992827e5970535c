// Lesson 9's measurements: the ladder from plain fp32 decoding with every FFN weight read from flash to all switches
// on, each rung's gain (over the rung before, and alone over the baseline), the product of the lone gains against the
// measured whole; and the union effect, how a pass's distinct neurons grow with the tree and which shape is fastest.
import { curveIoMs } from '../flash/cost.ts';
import type { StorageCurve } from '../hardware/storage-curve.ts';
import { median } from '../stats.ts';
import { type CapstoneModels, type CapstoneRun, type CapstoneStores, capstoneGenerate } from './decoder.ts';
import { type CapstoneOptions, PLAIN_FROM_FLASH } from './options.ts';

export interface MeasureOptions {
  prompt: string | number[];
  maxNewTokens?: number;
  /** Runs per combination; the one with the median tokens/s is kept. */
  repeats?: number;
  /** The clock of tokens/s (capstoneGenerate's `clock`); the time split stays on the wall clock. */
  clock?: () => number;
}

/** The run with the median speed of `repeats` runs of one combination (the text is the same each time). */
export function measureCombination(
  models: CapstoneModels,
  stores: CapstoneStores,
  options: Partial<CapstoneOptions>,
  m: MeasureOptions,
): CapstoneRun {
  const runs = Array.from({ length: Math.max(1, m.repeats ?? 3) }, () =>
    capstoneGenerate(models, stores, m.prompt, options, { maxNewTokens: m.maxNewTokens ?? 24, clock: m.clock }),
  );
  const mid = median(runs.map((r) => r.tokensPerSecond));
  return runs.reduce((a, r) => (Math.abs(r.tokensPerSecond - mid) < Math.abs(a.tokensPerSecond - mid) ? r : a));
}

export interface LadderRung {
  id: string;
  label: string;
  /** What this rung switches on, over the rung before. */
  change: Partial<CapstoneOptions>;
  run: CapstoneRun;
  /** tokens/s over the rung before (1 for the baseline). */
  stepGain: number;
  /** tokens/s of the baseline with only this rung's change, over the baseline. */
  aloneGain: number;
}

export interface Ladder {
  rungs: LadderRung[];
  /** Last rung's tokens/s over the baseline's: the measured whole. */
  whole: number;
  /** Product of the lone gains: what the whole would be if the switches' gains simply multiplied. */
  productAlone: number;
}

/** The ladder's rungs in order; `chain` and `tree` are the shapes the last two rungs use. */
export function ladderSteps(
  chain: string,
  tree: string,
): { id: string; label: string; change: Partial<CapstoneOptions> }[] {
  return [
    { id: 'plain', label: 'plain fp32, whole FFN read from flash each token', change: {} },
    { id: 'exact', label: '+ exact sparsity: read only the neurons that fire', change: { ffn: 'exact' } },
    { id: 'window', label: '+ windowing: keep the last 5 passes’ neurons', change: { window: true } },
    { id: 'bundled', label: '+ bundling: one read per neuron', change: { bundled: true } },
    { id: 'int4', label: '+ int4: an eighth of the bytes per neuron', change: { weights: 'int4' } },
    { id: 'chain', label: `+ draft chain (${chain})`, change: { speculation: 'chain', shape: chain } },
    { id: 'tree', label: `+ token tree (${tree})`, change: { speculation: 'tree', shape: tree } },
  ];
}

/** Measures every rung, and each rung's change alone on the baseline. Greedy, exact: every rung writes one text. */
export function capstoneLadder(
  models: CapstoneModels,
  stores: CapstoneStores,
  m: MeasureOptions & { chain?: string; tree?: string },
): Ladder {
  const steps = ladderSteps(m.chain ?? 'chain 4', m.tree ?? '2,2,1');
  let options: Partial<CapstoneOptions> = { ...PLAIN_FROM_FLASH };
  const rungs: LadderRung[] = [];
  let base: CapstoneRun | null = null;
  for (const step of steps) {
    options = { ...options, ...step.change };
    const run = measureCombination(models, stores, options, m);
    base ??= run;
    const prev = rungs.at(-1)?.run ?? run;
    const alone =
      rungs.length === 0 ? run : measureCombination(models, stores, { ...PLAIN_FROM_FLASH, ...step.change }, m);
    rungs.push({
      ...step,
      run,
      stepGain: run.tokensPerSecond / prev.tokensPerSecond,
      aloneGain: alone.tokensPerSecond / base.tokensPerSecond,
    });
  }
  return {
    rungs,
    whole: rungs.at(-1)!.run.tokensPerSecond / base!.tokensPerSecond,
    productAlone: rungs.reduce((a, r) => a * r.aloneGain, 1),
  };
}

export interface UnionPoint {
  shape: string;
  run: CapstoneRun;
}

/** Each tree shape with every other switch as given: rows per pass, distinct neurons per pass against per row,
 *  tokens per pass and tokens/s. The fastest shape is the one a reader should keep on this machine. */
export function unionSweep(
  models: CapstoneModels,
  stores: CapstoneStores,
  shapes: string[],
  options: Partial<CapstoneOptions>,
  m: MeasureOptions,
): { points: UnionPoint[]; best: UnionPoint } {
  const points = shapes.map((shape) => {
    const speculation = shape === 'plain' ? 'plain' : /^chain/.test(shape) ? 'chain' : 'tree';
    return { shape, run: measureCombination(models, stores, { ...options, speculation, shape }, m) };
  });
  const best = points.reduce((a, p) => (p.run.tokensPerSecond > a.run.tokensPerSecond ? p : a));
  return { points, best };
}

/** Modelled, not measured: a run's milliseconds per token on its own clock, plus what its reads would take on
 *  `curve` (e.g. hardware.UFS_4_0, a phone's flash: every read priced at its size and order, small ones as a whole
 *  block). In Node the store is a file in the page cache, whose reads are already in the run's time: a bound that
 *  counts them twice, so it errs against the switches that save reads. */
export function withPricedReads(
  run: CapstoneRun,
  curve: StorageCurve,
): { readMsPerToken: number; tokensPerSecond: number } {
  const readMsPerToken = run.records.reduce((a, r) => a + curveIoMs(r, curve), 0) / run.emitted;
  const msPerToken = run.wallMs / run.emitted + readMsPerToken;
  return { readMsPerToken, tokensPerSecond: 1000 / msPerToken };
}
