// Build time only (reads files): the LoRA adapters' card and analysis (public/models/lora-sotu-v1/), written by
// scripts/train-lora.ts and scripts/lora-analysis.ts, for lesson 7's static numbers. Absent files give undefined.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// From the project root (as measured.ts does): import.meta.url points into the bundle when the site is built.
const DIR = join(process.env.LLMP_MODELS_DIR ?? join(process.cwd(), 'public', 'models'), 'lora-sotu-v1') + '/';

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
  lora: { alpha: number; peakLr: number; init: string; targets: string };
  corpus: { name: string; heldOutYears: number[]; trainTokens: number; validationTokens: number; file: string };
  heldOut: { windows: number; tokensEach: number };
  machine: string;
  backend: string;
  sampleTokens: number;
  baseline: { validationLoss: { sotu: number; mobyDick: number }; samples: { prompt: string; text: string }[] };
  runs: LoraRun[];
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

function read<T>(file: string, check: (x: T) => boolean): T | undefined {
  const path = DIR + file;
  if (!existsSync(path)) return undefined;
  let data: T;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(
      `public/models/lora-sotu-v1/${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!check(data))
    throw new Error(`public/models/lora-sotu-v1/${file}: missing fields; rerun the script that writes it`);
  return data;
}

export function loraCard(): LoraCard | undefined {
  return read<LoraCard>(
    'card.json',
    (c) => Array.isArray(c.runs) && typeof c.baseline?.validationLoss?.sotu === 'number',
  );
}

export function loraAnalysis(): LoraAnalysis | undefined {
  return read<LoraAnalysis>('analysis.json', (a) => Array.isArray(a.targets) && typeof a.table7 === 'object');
}
