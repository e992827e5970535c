// Build time only (reads files): the LoRA adapters' cards and analysis (public/models/lora-sotu-v1/, and the voice
// adapters in lora-sotu-v2/ with their sweep), written by scripts/train-lora.ts, scripts/lora-analysis.ts and
// scripts/lora-voice.ts, for lesson 7's static numbers. Absent files give undefined.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// From the project root (as measured.ts does): import.meta.url points into the bundle when the site is built.
const MODELS = process.env.LLMP_MODELS_DIR ?? join(process.cwd(), 'public', 'models');

/** What the voice classifier (lib/lora/voice.ts) made of a model's sampled continuations (node/lora-voice.ts). */
export interface VoiceMeasure {
  speechShare: number;
  samples: { prompt: string; seed: number; text: string; score: number; label: 'speech' | 'novel' }[];
  /** Mean over the neutral prompts of p(word | prompt), keyed by the word without its leading space. */
  words: Record<string, number>;
}

export interface LoraRun {
  name: string;
  kind: 'lora' | 'full fine-tune';
  rank?: number;
  alpha?: number;
  trainableParameters: number;
  validationLoss: { sotu: number; mobyDick: number };
  samples: { prompt: string; text: string }[];
  trainSeconds: number;
  stepsPerSecond: number;
  wallSeconds: number;
  curve: { step: number; trainLoss: number; validationLoss?: number }[];
  file: string | null;
  fileBytes?: number;
  peakLr?: number;
  /** Steps of this run when it differs from the card's (a shortened full fine-tune). */
  steps?: number;
  voice?: VoiceMeasure;
}

export interface LoraCard {
  name: string;
  base: string;
  baseParameters: number;
  command: string;
  steps: number;
  batch: number;
  blockSize: number;
  tokensPerRun: number;
  lora: { alpha: number; peakLr: number; init: string; targets: string; targetsDescription?: string };
  corpus: { name: string; heldOutYears: number[]; trainTokens: number; validationTokens: number; file: string };
  heldOut: { windows: number; tokensEach: number };
  machine: string;
  backend: string;
  sampleTokens: number;
  baseline: {
    validationLoss: { sotu: number; mobyDick: number };
    samples: { prompt: string; text: string }[];
    voice?: VoiceMeasure;
  };
  voice?: VoiceSettings;
  runs: LoraRun[];
}

/** How the voice was measured (node/lora-voice.ts voiceSettings). */
export interface VoiceSettings {
  prompts: string[];
  seeds: number[];
  temperature: number;
  tokens: number;
  probeWords: string[];
  /** Share of held-out chunks of each corpus the classifier labels correctly. */
  classifierAccuracy: { speech: number; novel: number; chunkTokens: number };
}

/** public/models/lora-sotu-v2/sweep.json: adapter files tried for a voice, each measured by scripts/lora-voice.ts. */
export interface VoiceSweep {
  settings?: VoiceSettings;
  base: { parameters: number; voice: VoiceMeasure };
  adapters: {
    file: string;
    fileBytes: number;
    rank: number;
    alpha: number;
    targets: string[];
    trainableParameters: number;
    card: {
      command: string;
      steps: number;
      batch: number;
      peakLr: number;
      validationLoss: { sotu: number; mobyDick: number };
    };
    voice: VoiceMeasure;
  }[];
}

export interface LoraAnalysis {
  targets: string[];
  singularValues: Record<string, Record<string, number[]>>;
  subspace: Record<string, Record<string, number[][]>>;
  table7: Record<
    string,
    {
      target: string;
      projection: { deltaW: number; w: number; random: number };
      normW: number;
      normDeltaW: number;
      amplification: number;
    }[]
  >;
}

function read<T>(dir: string, file: string, check: (x: T) => boolean): T | undefined {
  const path = join(MODELS, dir, file);
  if (!existsSync(path)) return undefined;
  let data: T;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(
      `public/models/${dir}/${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!check(data)) throw new Error(`public/models/${dir}/${file}: missing fields; rerun the script that writes it`);
  return data;
}

/** A card of adapters: lora-sotu-v1 (W_q, W_v, the paper's setting) or lora-sotu-v2 (the voice adapters). */
export function loraCard(dir = 'lora-sotu-v1'): LoraCard | undefined {
  return read<LoraCard>(
    dir,
    'card.json',
    (c) => Array.isArray(c.runs) && typeof c.baseline?.validationLoss?.sotu === 'number',
  );
}

export function loraAnalysis(): LoraAnalysis | undefined {
  return read<LoraAnalysis>(
    'lora-sotu-v1',
    'analysis.json',
    (a) => Array.isArray(a.targets) && typeof a.table7 === 'object',
  );
}

export function loraVoiceSweep(): VoiceSweep | undefined {
  return read<VoiceSweep>(
    'lora-sotu-v2',
    'sweep.json',
    (x) => typeof x.base?.voice?.speechShare === 'number' && Array.isArray(x.adapters),
  );
}
