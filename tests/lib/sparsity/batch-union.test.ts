// batchUnion: the share of neurons needed by at least one of B sequences grows with B, and B = 1 is one sequence.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import { batchUnion } from '../../../lib/sparsity/batch-union.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const PROMPT = 'The bus leaves the depot at six';

describe('batchUnion', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ nFfn: 128 });
  });
  afterAll(() => model.dispose());

  it('is non-decreasing in batch size, per layer and on average; leaves no tensors', () => {
    const before = tf.memory().numTensors;
    const r = batchUnion(model, PROMPT, { batchSizes: [1, 2, 4, 8], steps: 6, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    for (let k = 1; k < r.batchSizes.length; k++) {
      for (let l = 0; l < model.config.nLayer; l++) expect(r.union[k][l]).toBeGreaterThanOrEqual(r.union[k - 1][l]);
      expect(r.mean[k]).toBeGreaterThanOrEqual(r.mean[k - 1]);
    }
    expect(r.mean[3]).toBeGreaterThan(r.mean[0]); // different continuations really need more neurons
    expect(r.union[0]).toEqual(r.single);
    expect(r.texts.length).toBe(8);
  });

  it('B = 1 equals the active share of the same sequence decoded alone', () => {
    const batched = batchUnion(model, PROMPT, { batchSizes: [1, 4], steps: 5, seed: 9 });
    const alone = batchUnion(model, PROMPT, { batchSizes: [1], steps: 5, seed: 9 });
    expect(alone.texts[0]).toBe(batched.texts[0]);
    alone.union[0].forEach((u, l) => expect(u).toBeCloseTo(batched.union[0][l], 6));
  });

  it('greedy decoding makes every sequence the same, so the union does not grow', () => {
    const r = batchUnion(model, PROMPT, { batchSizes: [1, 4], steps: 4, temperature: 0 });
    r.union[1].forEach((u, l) => expect(u).toBeCloseTo(r.union[0][l], 9));
  });

  it('rejects bad options clearly', () => {
    expect(() => batchUnion(model, '', {})).toThrow(/prompt is empty/);
    expect(() => batchUnion(model, PROMPT, { steps: 32 })).toThrow(/steps must be an integer in 1..31/);
    expect(() => batchUnion(model, PROMPT, { batchSizes: [0] })).toThrow(/batchSizes must be positive integers/);
  });
});
