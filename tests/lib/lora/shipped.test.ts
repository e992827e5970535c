// The shipped adapters (public/models/lora-sotu-v1): each loads on target-v1, its file agrees with the card, and a
// greedy decode reproduces the card's sample byte for byte on the backend that wrote it (wasm).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadCommitted, MODELS_DIR } from '../node-model.ts';
import { generate } from '../../../lib/generate.ts';
import { AdapterSet } from '../../../lib/lora/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const DIR = MODELS_DIR + 'lora-sotu-v1/';
const card = JSON.parse(readFileSync(DIR + 'card.json', 'utf8'));

describe('lora-sotu-v1', () => {
  let model: LanguageModel;
  let set: AdapterSet;
  beforeAll(async () => {
    await tf.setBackend(card.samplesBackend);
    model = await loadCommitted('target-v1');
    set = new AdapterSet(model);
  });
  afterAll(() => {
    set.dispose();
    model.dispose();
  });

  it('was trained on these exact base weights', () => {
    expect(set.base.fingerprint).toBe(card.baseFingerprint);
  });

  const loraRuns: string[] = card.runs
    .filter((r: { kind: string }) => r.kind === 'lora')
    .map((r: { name: string }) => r.name);
  it.each(loraRuns)("%s loads, matches its card, and decodes the card's greedy sample", (name: string) => {
    const run = card.runs.find((r: { name: string }) => r.name === name);
    const header = set.load(name, readFileSync(DIR + run.file));
    expect(header.rank).toBe(run.rank);
    expect(set.get(name).parameterCount).toBe(run.trainableParameters);
    set.use(name);
    const s = run.samples[0];
    expect(generate(model, s.prompt, { temperature: 0, maxNewTokens: card.sampleTokens }).text).toBe(s.text);
    set.use(null);
  });
});
