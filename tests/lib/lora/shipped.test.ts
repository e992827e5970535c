// The shipped adapters (public/models/lora-sotu-v1: W_q, W_v; lora-sotu-v2: the voice adapters): each loads on
// target-v1, its file agrees with the card, a greedy decode reproduces the card's sample byte for byte on the
// backend that wrote it (wasm), and merged into the weights it gives the logits it gives unmerged.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadCommitted, MODELS_DIR } from '../node-model.ts';
import { generate } from '../../../lib/generate.ts';
import { AdapterSet } from '../../../lib/lora/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const DIRS = ['lora-sotu-v1', 'lora-sotu-v2'].filter((d) => existsSync(`${MODELS_DIR}${d}/card.json`));

describe.each(DIRS)('%s', (dirName) => {
  const DIR = `${MODELS_DIR}${dirName}/`;
  const card = JSON.parse(readFileSync(DIR + 'card.json', 'utf8'));
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
  it.each(loraRuns)(
    "%s loads, matches its card, decodes the card's greedy sample, and merged equals unmerged",
    (name: string) => {
      const run = card.runs.find((r: { name: string }) => r.name === name);
      const header = set.load(name, readFileSync(DIR + run.file));
      expect(header.rank).toBe(run.rank);
      expect(set.get(name).parameterCount).toBe(run.trainableParameters);
      set.use(name);
      const s = run.samples[0];
      expect(generate(model, s.prompt, { temperature: 0, maxNewTokens: card.sampleTokens }).text).toBe(s.text);
      const tokens = [model.tokenizer.encode(s.prompt + s.text).slice(0, model.config.blockSize)];
      const unmerged = model.forward(tokens).logits[0];
      set.use(name, { merged: true });
      const merged = model.forward(tokens).logits[0];
      let worst = 0;
      for (let t = 0; t < merged.length; t++)
        for (let v = 0; v < merged[t].length; v++) worst = Math.max(worst, Math.abs(merged[t][v] - unmerged[t][v]));
      expect(worst).toBeLessThan(1e-3);
      set.use(null);
    },
  );
});
