// Lesson 9's measurements: the ladder from plain fp32 decoding with every FFN weight read from flash to all switches
// on, each rung's gain (over the rung before, and alone over the baseline), the product of the lone gains against the
// measured whole; and the union effect, how a pass's distinct neurons grow with the tree and which shape is fastest.
import { curveIoMs } from '../flash/cost.ts';
import { emptyTokenRecord } from '../flash/flash-ffn.ts';
import { measuredCurve, type StorageCurve } from '../hardware/storage-curve.ts';
import type { ThroughputPoint } from '../storage/throughput.ts';
import {
  type CapstoneModels,
  type CapstoneRun,
  type CapstoneStores,
  capstoneGenerate,
  type TimeSplit,
} from './decoder.ts';
import { type CapstoneOptions, PLAIN_FROM_FLASH } from './options.ts';

/** The ladder lesson 9 shows, measured the same way in Node (site/data/capstone.ts) and in the browser (the bench
 *  page's `capstone.ladder`): the prompt, the greedy tokens per run, runs per combination and the last two shapes. */
export const LADDER_DEFAULTS = {
  prompt: 'Call me Ishmael.',
  tokens: 24,
  repeats: 5,
  chain: 'chain 2',
  tree: '2,1',
  /** The shapes the browser's sweep races with every other switch on ("plain" verifies only the target's token). */
  sweep: ['plain', 'chain 2', 'chain 4', '2,1', '2,1,1,1', '2,2,1'],
} as const;

/** A run's figures per generated token, without its records: what a ladder keeps and a page or a file carries. */
export interface RunFigures {
  tokensPerSecond: number;
  bytesPerToken: number;
  readsPerToken: number;
  /** Read calls per token by kind and size ("scattered:1024"), which a storage curve prices. */
  readsBySize: Record<string, number>;
  tokensPerPass: number;
  dramBytes: number;
  split: TimeSplit;
  text: string;
}

export const runFigures = (r: CapstoneRun): RunFigures => ({
  tokensPerSecond: r.tokensPerSecond,
  bytesPerToken: r.bytesPerToken,
  readsPerToken: r.readsPerToken,
  readsBySize: r.readsBySize,
  tokensPerPass: r.tokensPerPass,
  dramBytes: r.dramBytes,
  split: r.split,
  text: r.text,
});

export interface MeasureOptions {
  prompt: string | number[];
  maxNewTokens?: number;
  /** Runs per combination; the fastest is kept. */
  repeats?: number;
  /** The clock of tokens/s (capstoneGenerate's `clock`); the time split stays on the wall clock. */
  clock?: () => number;
}

/** The fastest of `repeats` runs of one combination (the text is the same each time), after one run left out. The
 *  first run of a combination pays for compiling its code paths and warming the store's pages (the ladder's first
 *  rung, plain, would pay for every rung's shared code); on a machine shared with other jobs, their time only ever
 *  slows a run down, so the fastest run is the closest to the combination's own cost. */
export function measureCombination(
  models: CapstoneModels,
  stores: CapstoneStores,
  options: Partial<CapstoneOptions>,
  m: MeasureOptions,
): CapstoneRun {
  const run = () =>
    capstoneGenerate(models, stores, m.prompt, options, { maxNewTokens: m.maxNewTokens ?? 24, clock: m.clock });
  run();
  const runs = Array.from({ length: Math.max(1, m.repeats ?? 3) }, run);
  return runs.reduce((a, r) => (r.tokensPerSecond > a.tokensPerSecond ? r : a));
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
    { id: 'span', label: '+ span: one read per layer of the pass', change: { span: true } },
    { id: 'int4', label: '+ int4: an eighth of the bytes per neuron', change: { weights: 'int4' } },
    { id: 'chain', label: `+ draft chain (${chain})`, change: { speculation: 'chain', shape: chain } },
    { id: 'tree', label: `+ token tree (${tree})`, change: { speculation: 'tree', shape: tree } },
  ];
}

/** Measures every rung, and each rung's change alone on the baseline. Greedy, exact: every rung writes one text. */
export function capstoneLadder(
  models: CapstoneModels,
  stores: CapstoneStores,
  m: MeasureOptions & {
    chain?: string;
    tree?: string;
    /** Called before each combination is measured (a rung, or a rung's change alone): e.g. a progress line. */
    onMeasure?: (done: number, total: number, step: { id: string; label: string }, alone: boolean) => void;
  },
): Ladder {
  const steps = ladderSteps(m.chain ?? 'chain 4', m.tree ?? '2,2,1');
  let options: Partial<CapstoneOptions> = { ...PLAIN_FROM_FLASH };
  const rungs: LadderRung[] = [];
  let base: CapstoneRun | null = null;
  const total = 2 * steps.length - 1;
  for (const step of steps) {
    options = { ...options, ...step.change };
    m.onMeasure?.(Math.max(0, 2 * rungs.length - 1), total, step, false);
    const run = measureCombination(models, stores, options, m);
    base ??= run;
    const prev = rungs.at(-1)?.run ?? run;
    if (rungs.length > 0) m.onMeasure?.(2 * rungs.length, total, step, true);
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

/** Every switch of the ladder on except speculation: the rungs below the draft chain, folded. */
export function allSwitchesBelowSpeculation(): CapstoneOptions {
  const o: CapstoneOptions = { ...PLAIN_FROM_FLASH };
  for (const s of ladderSteps('', '')) if (s.change.speculation === undefined) Object.assign(o, s.change);
  return o;
}

/** A sweep point as a page carries it: the shape and its run's figures. */
export interface SweepFigures {
  shape: string;
  run: RunFigures;
}

/** The sweep's fastest shape (tokens/s): what the lesson names. */
export function fastestShape<P extends { shape: string; run: { tokensPerSecond: number } }>(points: P[]): P {
  if (points.length === 0) throw new Error('fastestShape: no shapes were measured');
  return points.reduce((a, p) => (p.run.tokensPerSecond > a.run.tokensPerSecond ? p : a));
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
  return { points, best: fastestShape(points) };
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

/** What the check reads of a measured rung: a CapstoneRun has it, and so do the page worker's run totals. */
export interface CheckedFigures {
  tokensPerSecond: number;
  tokensPerPass: number;
  /** Read calls per generated token by kind and size ("scattered:1024"). */
  readsBySize: Record<string, number>;
  /** Where a token's time went, in ms (the split's clock should be the clock of tokensPerSecond). */
  split: TimeSplit;
}

export interface RungCheck {
  id: string;
  /** tokens/s over the rung before, measured, and as the lessons' models predict it (1 and 1 for the baseline). */
  measured: number;
  predicted: number;
  /** measured / predicted − 1; outside when its size is over the tolerance. */
  error: number;
  outside: boolean;
  /** ms per token: the reads measured and as the storage curve prices this rung's read calls (lesson 4) ... */
  readMs: number;
  modelReadMs: number;
  /** ... and everything else measured, and as modelled: the baseline's time outside reads, paid once per target
   *  pass and shared by the pass's tokens (lesson 8). */
  restMs: number;
  modelRestMs: number;
  /** Parts of the rest the models have no term for: choosing neurons (the exact oracle, the predictor) and the draft. */
  selectMs: number;
  draftMs: number;
}

export const CHECK_TOLERANCE = 0.25;
/** The goal for the last rung over the first: all switches on at least 5× plain decoding from storage. */
export const LADDER_GOAL = 5;

/**
 * Modelled, then compared with the measured: each rung's gain over the rung before as the lessons' own models
 * predict it from the rung's counts alone. A token costs its read calls, each priced at its size and order on
 * `curve` (lesson 4's storage curve, ideally measured on the same storage), plus the baseline's time outside reads
 * once per target pass, divided among the pass's tokens (lesson 8: a pass costs about the same for one row as for
 * several). Bytes enter through the read sizes, reads through their count, speculation through tokens per pass.
 * `rungs[0]` is the baseline (plain, one token per pass).
 */
export function checkLadder(
  rungs: { id: string; run: CheckedFigures }[],
  curve: StorageCurve,
  tolerance = CHECK_TOLERANCE,
): { rungs: RungCheck[]; measuredWhole: number; predictedWhole: number } {
  if (rungs.length === 0) throw new Error('checkLadder: no rungs');
  const base = rungs[0].run;
  const msOf = (r: CheckedFigures) => 1000 / r.tokensPerSecond;
  const perPass = msOf(base) - base.split.reads;
  const modelled = (r: CheckedFigures) => {
    const read = curveIoMs({ ...emptyTokenRecord(), readsBySize: r.readsBySize }, curve);
    const rest = perPass / r.tokensPerPass;
    return { read, rest, total: read + rest };
  };
  const out: RungCheck[] = rungs.map(({ id, run }, i) => {
    const prev = rungs[Math.max(0, i - 1)].run;
    const m = modelled(run);
    const measured = run.tokensPerSecond / prev.tokensPerSecond;
    const predicted = modelled(prev).total / m.total;
    const error = measured / predicted - 1;
    return {
      id,
      measured,
      predicted,
      error,
      outside: Math.abs(error) > tolerance,
      readMs: run.split.reads,
      modelReadMs: m.read,
      restMs: msOf(run) - run.split.reads,
      modelRestMs: m.rest,
      selectMs: run.split.select,
      draftMs: run.split.draft,
    };
  });
  const last = rungs.at(-1)!.run;
  return {
    rungs: out,
    measuredWhole: last.tokensPerSecond / base.tokensPerSecond,
    predictedWhole: modelled(base).total / modelled(last).total,
  };
}

/** A ladder as a browser measured it (the page worker's `capstone.ladder`), with where it ran and the read curve of
 *  its storage measured beside it: what `npm run bench` records and lesson 9 and /bench/ show. */
export interface RecordedLadder {
  /** "browser wasm, OPFS, off-the-record profile": the row label. */
  where: string;
  /** Where the stores were: OPFS, or memory because OPFS failed (`fallback` says why). */
  storage: 'opfs' | 'memory';
  fallback: string | null;
  prompt: string;
  tokens: number;
  repeats: number;
  rungs: { id: string; label: string; run: RunFigures; stepGain: number; aloneGain: number }[];
  whole: number;
  productAlone: number;
  curve: ThroughputPoint[];
  /** The recording machine's load averages (1, 5 and 15 minutes) when the ladder ended (missing in older recordings). */
  loadAverage?: number[];
  /** The tree sweep: LADDER_DEFAULTS.sweep's shapes with every other switch on (missing in older recordings). */
  sweep?: SweepFigures[];
}

/** Each rung of a recorded ladder against the lessons' models, its read calls priced on its own storage's curve. */
export function checkRecordedLadder(l: RecordedLadder) {
  return checkLadder(l.rungs, measuredCurve(l.curve, `${l.where}: read curve measured beside the ladder`));
}
