// generate() on the lean engine gives the tokens the tfjs forward gives: greedy past the context (the window
// slides), and sampled with a seed.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { leanEngine } from '../../../lib/engine/index.ts';
import { generate } from '../../../lib/generate.ts';
import { loadCommitted } from '../node-model.ts';

describe('generate({ runner: leanEngine(model) })', () => {
  beforeAll(() => tf.setBackend('wasm'));

  it.each([
    ['target-v1', 0, 160],
    ['draft-v1', 0, 160],
    ['draft-v1', 0.8, 160],
  ] as const)('%s at temperature %s: lean = tfjs for %i tokens', async (name, temperature, maxNewTokens) => {
    const model = await loadCommitted(name);
    try {
      const opts = { temperature, topK: 0, seed: 3, maxNewTokens };
      const tfjs = generate(model, 'It was the best of times, it was', opts);
      const lean = generate(model, 'It was the best of times, it was', { ...opts, runner: leanEngine(model) });
      expect(lean.ids).toEqual(tfjs.ids);
      expect(tfjs.ids.length).toBe(maxNewTokens);
    } finally {
      model.dispose();
    }
  });
});
