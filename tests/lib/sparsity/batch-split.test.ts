// The per-neuron batch union and the dense/sparse split priced on it: per-neuron shares add up to batchUnion's own
// shares, ranking by hot order only permutes them, and the split accounts for every needed row.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LanguageModel } from '../../../lib/model.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { batchUnion } from '../../../lib/sparsity/batch-union.ts';
import { byHotRank, measureBatch, splitAt } from '../../../lib/sparsity/batch-split.ts';
import { randomModel } from '../node-model.ts';

const PROMPT = 'The bus leaves the depot at six';

describe('per-neuron batch union', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ nFfn: 64 });
  });
  afterAll(() => model.dispose());

  it('per-neuron shares sum to the union share of every batch size and layer, and never shrink with B', () => {
    const r = batchUnion(model, PROMPT, { batchSizes: [1, 2, 4], steps: 5, seed: 2, perNeuron: true });
    const F = model.config.nFfn;
    r.perNeuron!.forEach((layers, k) =>
      layers.forEach((row, l) => {
        expect(row.reduce((a, x) => a + x, 0) / F).toBeCloseTo(r.union[k][l], 5);
        if (k > 0) row.forEach((x, i) => expect(x).toBeGreaterThanOrEqual(r.perNeuron![k - 1][l][i] - 1e-6));
      }),
    );
    expect(batchUnion(model, PROMPT, { batchSizes: [1], steps: 3 }).perNeuron).toBeUndefined();
  });

  it('measureBatch ranks by hot order (a permutation) and splitAt accounts for every needed row', () => {
    const rand = mulberry32(5);
    const F = model.config.nFfn;
    const hotOrder = Array.from({ length: model.config.nLayer }, () => {
      const o = Array.from({ length: F }, (_, i) => i);
      for (let i = F - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [o[i], o[j]] = [o[j], o[i]];
      }
      return o;
    });
    const run = measureBatch(model, PROMPT, hotOrder, { batch: 3, steps: 4, temperature: 1, seed: 4 });
    expect(run.batchSizes).toEqual([1, 2, 3]);
    run.byRank.forEach((layers, k) =>
      layers.forEach((row, l) => expect(row.reduce((a, x) => a + x, 0) / F).toBeCloseTo(run.union[k][l], 5)),
    );
    for (const hot of [0, 0.25, 0.5, 1]) {
      for (const row of splitAt(run, hot)) {
        // needed rows = hot rows needed + cold rows needed = the union
        expect(row.denseNeeded + row.sparse).toBeCloseTo(row.union, 5);
        expect(row.dense).toBeCloseTo(Math.round(hot * F) / F, 9);
        expect(row.denseUseful).toBeLessThanOrEqual(1 + 1e-9);
      }
    }
    expect(() =>
      measureBatch(model, PROMPT, hotOrder.slice(1), { batch: 2, steps: 2, temperature: 1, seed: 1 }),
    ).toThrow(/hotOrder/);
  });

  it('byHotRank reorders rows', () => {
    expect(Array.from(byHotRank([Float32Array.from([0.1, 0.2, 0.3])], [[2, 0, 1]])[0])).toEqual(
      [0.3, 0.1, 0.2].map(Math.fround),
    );
  });
});
