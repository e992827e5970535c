// Build time only (Node): what the AWQ lesson shows.
//   awqResults()       the committed measurements of scripts/quantize.ts and scripts/bench-quant.ts (site/data/awq/)
//   quantTexts()       the calibration windows (training text) and held-out passage the widgets send to the worker
//   awqWidgetDefaults() the widgets' first views, computed here with the same lib/quant calls the worker makes
//                       (site/data/disk-cache.ts, keyed by the model's files, the settings and the code)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../lib/random.ts';
import { calibrate } from '../../lib/quant/calibration.ts';
import {
  alphaCurve,
  evaluateFp32,
  quantizeAndEvaluate,
  type ExperimentResult,
  type Fp32Result,
} from '../../lib/quant/experiment.ts';
import type { MethodName } from '../../lib/quant/settings.ts';
import { monteCarloScaling, type MonteCarlo } from '../../lib/quant/microscope.ts';
import type { PairedInterval } from '../../lib/quant/paired.ts';
import { loadCorpus } from '../../node/corpus.ts';
import { loadMeasuredModel } from './measured.ts';
import { diskCache, fingerprint } from './disk-cache.ts';

const ROOT = process.cwd();
const DATA = join(ROOT, 'site', 'data', 'awq');

/** The widgets' default settings (also the shells' prop defaults). */
export const QUANT_DEFAULTS = { bits: 3, groupSize: 128, method: 'awq' as MethodName };
export const ALPHA_DEFAULTS = { layer: 'h.3.mlp.down', bits: 3, groupSize: 128 };
export const MICROSCOPE_DEFAULTS = { s: 2, bits: 4, groupSize: 128, seed: 1 };
/** Held-out tokens the widgets measure on, and calibration windows of 128 tokens. */
export const EVAL_TOKENS = 1024;
export const CALIBRATION_WINDOWS = 4;

/** Where scripts/quantize.ts writes each model's results: target-v1's in site/data/awq, the outlier model's in outlier/. */
export type ResultsModel = 'target-v1' | 'outliers';
const dirOf = (model: ResultsModel) => (model === 'outliers' ? join(DATA, 'outlier') : DATA);

function readJson<T>(name: string, model: ResultsModel = 'target-v1'): T | undefined {
  const path = join(dirOf(model), `${name}.json`);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

export interface GridRow {
  method: 'rtn' | 'awq-scale' | 'awq';
  bits: number;
  groupSize: number;
  loss: number;
  perplexity: number;
  meanAlpha: number | null;
  layerErrorRatio: number;
}
export interface KeepRow {
  by: 'activation' | 'weightNorm' | 'random';
  fraction: number;
  bits: number;
  groupSize: number;
  loss: number;
  perplexity: number;
  channelsKept: Record<string, number>;
}
export interface Table2Row {
  s: number;
  groupsChanged: number;
  groupsChangedWithSalient: number;
  meanDeltaRatio: number;
  meanDeltaRatioWithSalient: number;
  errorFactor: number;
  measuredErrorRatio: number;
  loss: number;
  perplexity: number;
}
export interface ActivationStats {
  meanAbs: number[];
  maxOverMedian: number;
  top1Share: number;
  top1Channels: number[];
}
export interface SizeRow {
  bits: number;
  groupSize: number;
  codes: number;
  scales: number;
  zeros: number;
  fp32Rest: number;
  total: number;
  bitsPerLinearWeight: number;
}
interface Header {
  machine: string;
  validation: { tokens: number; text: string };
  calibration: { windows: number; blockSize: number; text: string };
  fp32: { loss: number; perplexity: number };
}

export interface AwqResults {
  header?: Header;
  grid: GridRow[];
  keep: KeepRow[];
  table2: Table2Row[];
  activations: Record<string, ActivationStats>;
  sizes?: { fp32: number; fp32Rest: number; quantized: SizeRow[] };
  bench?: { machine: string; loadAverage?: number; command: string; rows: Record<string, string | number>[] };
}

/** Everything scripts/quantize.ts committed for one model (missing parts are empty: the lesson says so). */
export function awqResults(model: ResultsModel = 'target-v1'): AwqResults {
  const grids = [4, 3, 2]
    .map((b) => readJson<Header & { rows: GridRow[] }>(`grid-int${b}`, model))
    .filter((g) => g !== undefined);
  const keep = readJson<Header & { keep: KeepRow[] }>('keep', model);
  const t2 = readJson<
    Header & { table2: Table2Row[]; activations: Record<string, ActivationStats>; sizes: AwqResults['sizes'] }
  >('table2', model);
  return {
    header: grids[0] ?? keep ?? t2,
    grid: grids.flatMap((g) => g.rows),
    keep: keep?.keep ?? [],
    table2: t2?.table2 ?? [],
    activations: t2?.activations ?? {},
    sizes: t2?.sizes,
    bench: readJson('bench'),
  };
}

/** A loss difference on the same tokens with its paired bootstrap interval (lib/quant/paired.ts), nats/token. */
export type PairedDifference = Omit<PairedInterval, 'tokens'>;
export interface CompareRow {
  method: 'rtn' | 'keep-activation' | 'keep-weight' | 'keep-random' | 'awq-scale' | 'awq';
  bits: number;
  groupSize: number;
  loss: number;
  perplexity: number;
  vsFp32: PairedDifference;
  vsRtn: PairedDifference | null;
}
export interface Comparison extends Header {
  model: string;
  outliers?: {
    constructed: string;
    ratio: number;
    sites: string;
    channels: Record<string, number[]>;
    scales: Record<string, number[]>;
  };
  rows: CompareRow[];
  /** On the outlier model only: target-v1 with the planted channels deleted (weight rows zeroed), against fp32 on the
   *  same tokens: the loss RTN adds when it rounds every planted row to zero. */
  deleted?: { loss: number; perplexity: number; vsFp32: PairedDifference };
}

/** Where the outlier model's channels are planted and what deleting each one alone costs target-v1
 *  (scripts/quantize.ts plant: planted-channels.json, and ablation.json for every channel). */
export interface PlantedChannels {
  windows: string;
  channels: Record<string, number[]>;
  /** Loss rise (nats/token) when the planted channel's weight row alone is zeroed, in the order of `channels`. */
  rise: Record<string, number[]>;
  /** Every input channel's rise, per linear layer (ablation.json). */
  all: Record<string, number[]>;
}
/** Target-v1 with every planted channel deleted at once, on the ablation windows and on the other calibration
 *  windows (scripts/quantize.ts deletion): does the choice hold beyond the text it was made on? */
export interface PlantedDeletion {
  ablationWindows: { windows: number; tokens: number; rise: number };
  otherWindows: { windows: number; tokens: number; rise: number };
}
export const plantedDeletion = () => readJson<PlantedDeletion>('deletion', 'outliers');
export function plantedChannels(): PlantedChannels | undefined {
  const p = readJson<Omit<PlantedChannels, 'all'>>('planted-channels', 'outliers');
  const a = readJson<{ rise: Record<string, number[]> }>('ablation', 'outliers');
  return p && a ? { ...p, all: a.rise } : undefined;
}

/** Every method at one setting on one model, each difference with its paired interval (scripts/quantize.ts compare). */
export function awqComparison(model: ResultsModel, bits = 3, groupSize = 128): Comparison | undefined {
  return readJson<Comparison>(`compare-int${bits}-g${groupSize}`, model);
}

/** Seeded calibration windows from the training split and the first EVAL_TOKENS tokens of the held-out chapters, as text. */
export async function quantTexts(): Promise<{ calibration: string[]; evaluation: string } | null> {
  const model = await loadMeasuredModel();
  if (!model || model.name !== 'target-v1') return null;
  const { train, validation } = loadCorpus();
  const ids = model.tokenizer.encode(train);
  const rng = mulberry32(7);
  const calibration = Array.from({ length: CALIBRATION_WINDOWS }, () => {
    const start = Math.floor(rng() * (ids.length - 128));
    return model.tokenizer.decode(ids.slice(start, start + 128));
  });
  const evaluation = model.tokenizer.decode(model.tokenizer.encode(validation).slice(0, EVAL_TOKENS + 1));
  return { calibration, evaluation };
}

export interface AwqWidgetDefaults {
  texts: { calibration: string[]; evaluation: string };
  tokens: number;
  fp32: Fp32Result;
  quantize: ExperimentResult;
  alpha: ReturnType<typeof alphaCurve>;
  microscope: MonteCarlo;
}

const store = diskCache('awq', () =>
  fingerprint({
    files: [
      'public/models/target-v1',
      'lib/quant',
      'lib/model.ts',
      'lib/gpt.ts',
      'lib/evaluate.ts',
      'lib/generate.ts',
      'lib/tokenizer.ts',
      'site/data/awq.ts',
    ],
    texts: [JSON.stringify([QUANT_DEFAULTS, ALPHA_DEFAULTS, MICROSCOPE_DEFAULTS, EVAL_TOKENS, CALIBRATION_WINDOWS])],
  }),
);

/** The widgets' first views, computed once per build (or read from the disk cache); null without target-v1. */
export function awqWidgetDefaults(): Promise<AwqWidgetDefaults | null> {
  return store.once('defaults', async () => {
    const texts = await quantTexts();
    if (!texts) return null;
    const model = (await loadMeasuredModel())!;
    const started = Date.now();
    const windows = texts.calibration.map((t) => model.tokenizer.encode(t).slice(0, model.config.blockSize));
    const evalIds = model.tokenizer.encode(texts.evaluation);
    const stats = calibrate(model, windows);
    const result: AwqWidgetDefaults = {
      texts,
      tokens: evalIds.length - 1,
      fp32: evaluateFp32(model, evalIds),
      quantize: quantizeAndEvaluate(model, stats, evalIds, QUANT_DEFAULTS),
      alpha: alphaCurve(model, stats, ALPHA_DEFAULTS.layer, ALPHA_DEFAULTS),
      microscope: monteCarloScaling({ groups: 10000, ...MICROSCOPE_DEFAULTS }),
    };
    console.log(`[awq] widget defaults computed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  });
}
