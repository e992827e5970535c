// Build time only (reads files): the model cards, loss logs and tokenizers of the models in public/models/, for
// the /model/ page and ModelPlayground's static first view. Every number those show comes from these files, as
// scripts/model-card.ts and scripts/train.ts wrote them. A folder without a card.json is simply not there yet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GPTConfig } from '../../lib/config.ts';
import { Tokenizer, type TokenizerJSON } from '../../lib/tokenizer.ts';
import { MODEL_NAMES as PLAYGROUND_MODELS } from '../worker/model-names.ts';

/** card.json, as scripts/model-card.ts writes it. */
export interface ModelCard {
  name: string;
  parameters: number;
  config: GPTConfig;
  command: string;
  tokensSeen: number;
  steps: number;
  wallSeconds: number;
  machine: string;
  trainingBackend: string;
  trainLoss: number;
  validationLoss: number;
  validationBitsPerByte: number;
  validationPerplexity: number;
  validationTokens: number;
  bigramValidationLoss: number;
  bigramBitsPerByte: number;
  greedySample: { prompt: string; maxNewTokens: number; backend: string; text: string };
}

/** The parts of training.json the page draws. */
export interface TrainingLog {
  batchSize: number;
  blockSize: number;
  /** Tokens in the training split, and bytes per token of each split. */
  trainTokens: number;
  bytesPerToken: { train: number; validation: number };
  log: { step: number; trainLoss: number; validationLoss?: number; seconds: number }[];
}

/** public/models/, from the project root (astro build and the tests run there). */
export const MODELS_DIR = join(process.cwd(), 'public', 'models');

function readJson<T>(name: string, file: string): T | undefined {
  const path = join(MODELS_DIR, name, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new Error(
      `public/models/${name}/${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
}

/** The card of model `name`, or undefined while that model has not been trained. */
export function readCard(name: string): ModelCard | undefined {
  const card = readJson<ModelCard>(name, 'card.json');
  if (card && !(card.parameters > 0 && card.config && card.greedySample)) {
    throw new Error(
      `public/models/${name}/card.json: missing parameters, config or greedySample; rerun scripts/model-card.ts`,
    );
  }
  return card;
}

export function readTraining(name: string): TrainingLog | undefined {
  return readJson<TrainingLog>(name, 'training.json');
}

export function readTokenizer(name: string): Tokenizer | undefined {
  const json = readJson<TokenizerJSON>(name, 'tokenizer.json');
  return json && new Tokenizer(json);
}

/** Every shipped model that has a card, in the site's order (target first). */
export function availableCards(): ModelCard[] {
  return PLAYGROUND_MODELS.map((name) => readCard(name)).filter((c): c is ModelCard => c !== undefined);
}

/** A text split into tokens for chips: [{ id, text }]. */
export function tokenize(tokenizer: Tokenizer, text: string): { id: number; text: string }[] {
  return tokenizer.encode(text).map((id) => ({ id, text: tokenizer.tokenText(id) }));
}
