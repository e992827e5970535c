// Build time only (Node): what the PowerInfer lesson measures on our own model. Loads the shipped model from
// public/models/ with lib/load.ts (reading files from disk), runs lib/sparsity on a fixed slice of the validation
// text (Moby Dick's held-out chapters, node/corpus.ts) on the tfjs cpu backend, and keeps the answer for the
// whole build (and on disk, keyed by a hash of the model, the texts and the measuring code), so every widget and every <Stat> on the page shows the same numbers. Nothing here is typed by hand:
// a retrained model changes every number on the next build.
//
//   const m = await powerInferMeasurements();   // null until a model has been trained
//   m.all.shareFor80                              // share of neurons giving 80% of activations, all layers
//
// Which model: target-v1 when it exists, else draft-v1 (same format, smaller), else null (the page says so).
// A sibling site/data/measured-phone.ts may import loadMeasuredModel() and MEASURE_TOKENS from here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chooseBackend } from '../../lib/backend.ts';
import { loadModel } from '../../lib/load.ts';
import type { LanguageModel } from '../../lib/model.ts';
import {
  activationShareOfTop,
  chooseActiveSet,
  hotSetOverlap,
  ffnInHeap,
  profileActivations,
  sampleFfnInput,
  type ActivationProfile,
} from '../../lib/sparsity/index.ts';
import { loadCorpus } from '../../node/corpus.ts';
import { diskCache, fingerprint } from './disk-cache.ts';

/** Tokens of the validation text profiled at build time (16 windows of the 128-token context). */
export const MEASURE_TOKENS = 2048;
/** Tokens of the heatmap's default prompt shown before any script runs (and the browser cap for a prompt). */
export const HEATMAP_MAX_TOKENS = 128;
/** The heatmap's default prompt: the book's first line and a little more (training text, so the model knows it). */
export const HEATMAP_PROMPT =
  'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, I thought I would sail about a little.';

export const MEASURE_MODELS = ['target-v1', 'draft-v1'] as const;
export type MeasureModelName = (typeof MEASURE_MODELS)[number];

const ROOT = process.cwd();
/** Where model folders are read from; LLMP_MODELS_DIR points the lesson at another folder (trying a retrained model). */
const MODELS_DIR = process.env.LLMP_MODELS_DIR ?? join(ROOT, 'public', 'models');
const TEXTS_DIR = join(ROOT, 'public', 'texts');

async function readFromDisk(path: string) {
  const b = await readFile(path);
  return { data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, fromCache: false };
}

/** The folder a model is read from. */
export const modelDir = (name: string) => join(MODELS_DIR, name);

/** The model measured on this build: the first of MEASURE_MODELS with weights on disk, or undefined. */
export function measuredModelName(): MeasureModelName | undefined {
  return MEASURE_MODELS.find(
    (n) => existsSync(join(MODELS_DIR, n, 'weights.json')) && existsSync(join(MODELS_DIR, n, 'card.json')),
  );
}

let loaded: Promise<LanguageModel | null> | undefined;
/** The measured model, loaded once per build on the cpu backend (null while none is trained). */
export function loadMeasuredModel(): Promise<LanguageModel | null> {
  return (loaded ??= (async () => {
    const name = measuredModelName();
    if (!name) return null;
    await chooseBackend(['wasm', 'cpu']); // wasm loads its binary from node_modules in Node; cpu always works
    return loadModel(join(MODELS_DIR, name), { fetchFile: readFromDisk, name });
  })());
}

/** A text shipped in public/texts/ (not Moby Dick), for the hot-set overlap: the first .txt file by name. */
export function otherText(): { file: string; title: string; text: string } | undefined {
  if (!existsSync(TEXTS_DIR)) return undefined;
  const file = readdirSync(TEXTS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()[0];
  if (!file) return undefined;
  const text = readFileSync(join(TEXTS_DIR, file), 'utf8');
  const metaPath = join(TEXTS_DIR, file.replace(/\.txt$/, '.json'));
  // The title: a sidecar .json's "title", else the text's first line when it reads like a heading, else the file name.
  const first = text.split('\n', 1)[0].trim();
  let title =
    first.length > 0 && first.length <= 80 && !/[.!?]$/.test(first)
      ? `“${first}”`
      : file.replace(/\.txt$/, '').replace(/[-_]/g, ' ');
  if (existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as { title?: string };
      if (typeof meta.title === 'string') title = meta.title;
    } catch {
      // a malformed sidecar only loses the nicer title
    }
  }
  return { file: `texts/${file}`, title, text };
}

export interface LayerMeasure {
  /** Mean share of this layer's 512 (nFfn) ReLU outputs that are exactly 0, per token. */
  sparsity: number;
  /** Smallest share of neurons giving 80% of this layer's activations (PowerInfer's Fig. 4 measure). */
  shareFor80: number;
  /** Share of neurons that never fired on the text. */
  deadShare: number;
  /** Share of activations served by the 20% most active neurons. */
  top20Share: number;
  /** Per neuron, share of tokens it fired on (rounded to 1e-5, to keep the page small). */
  frequency: number[];
}

export interface ProfileMeasure {
  /** What was profiled, for captions. */
  title: string;
  tokens: number;
  chars: number;
  layers: LayerMeasure[];
  all: { sparsity: number; shareFor80: number; deadShare: number; top20Share: number };
}

export interface PowerInferMeasurements {
  model: {
    name: MeasureModelName;
    nLayer: number;
    nFfn: number;
    nEmbd: number;
    vocabSize: number;
    blockSize: number;
    parameters: number;
  };
  /** Moby Dick's validation chapters, the first MEASURE_TOKENS tokens. */
  moby: ProfileMeasure;
  /** The other shipped text, and per layer the overlap of its top-20% set with Moby Dick's (undefined until shipped). */
  other?: ProfileMeasure & { file: string; overlapTop20: number[]; overlapTop20All: number };
  /** The heatmap's default prompt through the model. */
  heatmap: {
    prompt: string;
    tokens: { id: number; text: string }[];
    /** [layer] bitsets, token-major: word (t * words + w), bit i of word w = neuron 32w + i fired. */
    bits: number[][];
    words: number;
    /** [layer][token] share of neurons that were zero. */
    zeroFraction: number[][];
  };
  /** The FFN race's default input (the last token of lib/sparsity/race.ts's fixed text): neurons that fire, per layer. */
  race: { activeCount: number[]; nFfn: number };
}

const round = (x: number, d = 1e5) => Math.round(x * d) / d;

function summarise(p: ActivationProfile, title: string, chars: number): ProfileMeasure {
  const layers = p.layers.map(
    (l): LayerMeasure => ({
      sparsity: l.sparsity,
      shareFor80: l.shareFor80,
      deadShare: l.deadShare,
      top20Share: activationShareOfTop(l.frequency, 0.2),
      frequency: Array.from(l.frequency, (f) => round(f)),
    }),
  );
  return {
    title,
    tokens: p.tokens,
    chars,
    layers,
    all: {
      sparsity: p.all.sparsity,
      shareFor80: p.all.shareFor80,
      deadShare: p.all.deadShare,
      top20Share: activationShareOfTop(p.all.frequency, 0.2),
    },
  };
}

/** Everything the lesson shows as "measured on our model", for one loaded model. */
export function measure(
  model: LanguageModel,
  name: MeasureModelName,
  texts: { validation: string; other?: { file: string; title: string; text: string } },
): PowerInferMeasurements {
  const c = model.config;
  const mobyIds = model.tokenizer.encode(texts.validation).slice(0, MEASURE_TOKENS);
  const mobyChars = model.tokenizer.decode(mobyIds).length;
  const mobyProfile = profileActivations(model, mobyIds, { maxTokens: MEASURE_TOKENS });
  const moby = summarise(mobyProfile, "Moby Dick's held-out chapters", mobyChars);

  let other: PowerInferMeasurements['other'];
  if (texts.other) {
    const ids = model.tokenizer.encode(texts.other.text.slice(0, MEASURE_TOKENS * 16)).slice(0, MEASURE_TOKENS);
    const p = profileActivations(model, ids, { maxTokens: MEASURE_TOKENS });
    const overlapTop20 = p.layers.map((l, i) => hotSetOverlap(mobyProfile.layers[i].frequency, l.frequency, 0.2));
    other = {
      ...summarise(p, texts.other.title, model.tokenizer.decode(ids).length),
      file: texts.other.file,
      overlapTop20,
      overlapTop20All: hotSetOverlap(mobyProfile.all.frequency, p.all.frequency, 0.2),
    };
  }

  const promptIds = model.tokenizer.encode(HEATMAP_PROMPT).slice(0, Math.min(HEATMAP_MAX_TOKENS, c.blockSize));
  const hp = profileActivations(model, promptIds, { maxTokens: HEATMAP_MAX_TOKENS });
  const words = hp.trace.words;
  const bits = Array.from({ length: c.nLayer }, (_, l) => {
    const out: number[] = [];
    for (let t = 0; t < hp.tokens; t++) {
      const o = (t * c.nLayer + l) * words;
      for (let w = 0; w < words; w++) out.push(hp.trace.bits[o + w]);
    }
    return out;
  });

  const activeCount = Array.from({ length: c.nLayer }, (_, l) => {
    return chooseActiveSet(ffnInHeap(model, l), sampleFfnInput(model, l)).length;
  });

  return {
    model: {
      name,
      nLayer: c.nLayer,
      nFfn: c.nFfn,
      nEmbd: c.nEmbd,
      vocabSize: c.vocabSize,
      blockSize: c.blockSize,
      parameters: model.parameterCount,
    },
    moby,
    other,
    heatmap: {
      prompt: HEATMAP_PROMPT,
      tokens: promptIds.map((id) => ({ id, text: model.tokenizer.tokenText(id) })),
      bits,
      words,
      zeroFraction: hp.layers.map((l) => Array.from(l.zeroFraction, (z) => round(z, 1e4))),
    },
    race: { activeCount, nFfn: c.nFfn },
  };
}

// Kept per build and across builds on disk: the fingerprint covers the model's files, both texts, and the code that
// measures (this file, the model and lib/sparsity/), so a rebuild with none of these changed reads the answer back.
const store = diskCache('powerinfer', () => {
  const name = measuredModelName();
  if (!name) return null;
  return `${name}-${fingerprint({
    files: [
      modelDir(name),
      'site/data/measured.ts',
      'lib/model.ts',
      'lib/gpt.ts',
      'lib/tokenizer.ts',
      'lib/sparsity',
      'lib/engine',
    ],
    texts: [loadCorpus().validation, otherText()?.text ?? ''],
  })}`;
});

/** The lesson's measurements, computed once per build (or read from the disk cache); null while no model exists. */
export function powerInferMeasurements(): Promise<PowerInferMeasurements | null> {
  return store.once('measurements', async () => {
    const name = measuredModelName();
    if (!name) {
      console.warn(
        '[measured] no trained model in public/models/ (target-v1 or draft-v1): the PowerInfer lesson shows no measurements',
      );
      return null;
    }
    const model = (await loadMeasuredModel())!;
    const started = Date.now();
    const result = measure(model, name, { validation: loadCorpus().validation, other: otherText() });
    console.log(
      `[measured] ${name}: profiled ${result.moby.tokens} tokens${result.other ? ` + ${result.other.tokens} of ${result.other.file}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return result;
  });
}

/** One threshold of the predictor's validation sweep, as scripts/train-predictors.ts writes it. */
export interface PredictorSweepPoint {
  threshold: number;
  recall: number;
  precision: number;
  computedShare: number;
  lossChange: number;
}

/** The parts of public/models/predictor-v1/card.json the lesson shows (written by scripts/train-predictors.ts). */
export interface PredictorCard {
  name: string;
  /** The model folder it predicts for. */
  model: string;
  command: string;
  ranks: number[];
  threshold: number;
  parameters: number;
  modelParameters: number;
  shareOfModelParameters: number;
  sizeBytes: number;
  /** Held-out training windows, each layer predicted from its dense input: [{threshold, recall, precision, computedShare}]. */
  calibration: { threshold: number; recall: number; precision: number; computedShare: number }[];
  validation: {
    tokens: number;
    recall: number;
    precision: number;
    computedShare: number;
    activeShare: number;
    denseLoss: number;
    sparseLoss: number;
    lossChange: number;
    sweep: PredictorSweepPoint[];
  };
}

/** predictor-v1's card when it exists and was trained for the measured model; undefined otherwise. */
export function predictorCard(): PredictorCard | undefined {
  const path = join(MODELS_DIR, 'predictor-v1', 'card.json');
  if (!existsSync(path)) return undefined;
  let card: PredictorCard;
  try {
    card = JSON.parse(readFileSync(path, 'utf8')) as PredictorCard;
  } catch (err) {
    throw new Error(
      `public/models/predictor-v1/card.json: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (
    !(Array.isArray(card.calibration) && Array.isArray(card.validation?.sweep) && typeof card.threshold === 'number')
  ) {
    throw new Error(
      'public/models/predictor-v1/card.json: missing calibration, validation.sweep or threshold; rerun scripts/train-predictors.ts',
    );
  }
  if (card.model !== measuredModelName()) return undefined; // a predictor for another model says nothing about this one
  // The card's validation summary is the predictor at its own threshold; put that point into the sweep too, so that
  // PredictorQuality opens on exactly the numbers the lesson's prose quotes.
  const v = card.validation;
  if (!v.sweep.some((p) => p.threshold === card.threshold)) {
    v.sweep = [
      ...v.sweep,
      {
        threshold: card.threshold,
        recall: v.recall,
        precision: v.precision,
        computedShare: v.computedShare,
        lossChange: v.lossChange,
      },
    ].sort((a, b) => a.threshold - b.threshold);
  }
  return card;
}
