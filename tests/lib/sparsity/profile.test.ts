// profileActivations counts real ReLU activity; the measures (frequency, share for 80%, hot-set overlap) are checked
// against hand-made data and against the trace they come with.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import {
  profileActivations,
  shareForActivations,
  hotSetOverlap,
  activationShareOfTop,
  hottestFirst,
} from '../../../lib/sparsity/profile.ts';
import { activeCount, activeNeurons, traceFromSets, isActive } from '../../../lib/sparsity/trace.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const TEXT = 'Knead the dough for ten minutes, then let it rest in a warm place until it has doubled in size. ';

describe('profileActivations on a random model', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('counts zero outputs, frequencies and the trace consistently, over several windows', () => {
    const before = tf.memory().numTensors;
    const p = profileActivations(model, TEXT.repeat(2)); // ~190 byte tokens, blockSize 32: 6 windows, the last partial
    expect(tf.memory().numTensors).toBe(before);
    expect(p.tokens).toBe(new TextEncoder().encode(TEXT.repeat(2)).length);
    const F = model.config.nFfn;
    for (let l = 0; l < p.nLayer; l++) {
      const lp = p.layers[l];
      expect(lp.zeroFraction.length).toBe(p.tokens);
      let sumActive = 0;
      for (let t = 0; t < p.tokens; t++) {
        const n = activeCount(p.trace, t, l);
        expect(n).toBe(activeNeurons(p.trace, t, l).length);
        expect(lp.zeroFraction[t]).toBeCloseTo(1 - n / F, 6);
        sumActive += n;
      }
      let sumFreq = 0;
      for (const f of lp.frequency) {
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
        sumFreq += f;
      }
      expect(sumFreq * p.tokens).toBeCloseTo(sumActive, 3); // each activation counted once
      expect(lp.sparsity).toBeCloseTo(1 - sumActive / (p.tokens * F), 6);
      for (let i = 1; i < F; i++) expect(lp.sortedFrequency[i]).toBeLessThanOrEqual(lp.sortedFrequency[i - 1]);
      expect(lp.frequency[lp.hotOrder[0]]).toBe(lp.sortedFrequency[0]);
      expect(lp.shareFor80).toBeGreaterThan(0);
      expect(lp.shareFor80).toBeLessThanOrEqual(1);
    }
    expect(p.all.frequency.length).toBe(p.nLayer * F);
    expect(p.all.sparsity).toBeCloseTo(p.layers.reduce((s, l) => s + l.sparsity, 0) / p.nLayer, 6);
  });

  it('the activity at a position equals a direct forward of its window', () => {
    const ids = model.tokenizer.encode(TEXT);
    const p = profileActivations(model, ids);
    const T = model.config.blockSize,
      F = model.config.nFfn;
    const post = model.forward([ids.slice(T, 2 * T)], { record: { ffn: true } }).ffnPost!; // second window
    for (let t = 0; t < T; t++)
      for (let i = 0; i < F; i++) expect(isActive(p.trace, T + t, 1, i)).toBe(post[1][t * F + i] > 0);
  });

  it('caps at maxTokens, handles one token, and rejects an empty text with a clear error', () => {
    expect(profileActivations(model, TEXT, { maxTokens: 40 }).tokens).toBe(40);
    expect(profileActivations(model, 'a').tokens).toBe(1);
    expect(() => profileActivations(model, '')).toThrow(/profileActivations: need at least 1 token of text, got 0/);
  });
});

describe('activation measures', () => {
  it('shareForActivations: the smallest share of neurons giving 80% of activations', () => {
    expect(shareForActivations([8, 1, 1, 0, 0])).toBe(0.2); // one neuron of five gives 80%
    expect(shareForActivations([1, 1, 1, 1, 1])).toBe(0.8);
    expect(shareForActivations([1, 1, 1, 1])).toBe(1); // 3 of 4 give only 75%
    expect(shareForActivations([0, 0])).toBe(0);
    expect(shareForActivations([5, 3, 2], 1)).toBe(1);
  });

  it('activationShareOfTop: the share served by the most active fraction', () => {
    expect(activationShareOfTop([6, 3, 1, 0], 0.25)).toBeCloseTo(0.6);
    expect(activationShareOfTop([6, 3, 1, 0], 1)).toBe(1);
    expect(activationShareOfTop([6, 3, 1, 0], 0)).toBe(0);
  });

  it('hotSetOverlap: 1 for the same ranking, 0 for disjoint top sets, and a clear error for mismatched sizes', () => {
    const a = [9, 8, 1, 1, 1, 1, 1, 1, 1, 0];
    expect(hotSetOverlap(a, a)).toBe(1);
    expect(hotSetOverlap(a, [0, 0, 1, 1, 1, 1, 1, 1, 9, 8])).toBe(0);
    expect(hotSetOverlap(a, [9, 0, 1, 1, 1, 1, 1, 1, 8, 0])).toBe(0.5);
    expect(() => hotSetOverlap([1, 2], [1, 2, 3])).toThrow(/2 and 3 neurons/);
    expect(Array.from(hottestFirst([1, 3, 3, 0]))).toEqual([1, 2, 0, 3]);
  });

  it('traceFromSets round-trips sets through bitsets, including neuron indices past 32', () => {
    const sets = [
      [[0, 31, 32, 99], []],
      [[5], [1, 2, 3, 64, 65]],
    ];
    const tr = traceFromSets(sets, 100);
    sets.forEach((layers, t) =>
      layers.forEach((s, l) => {
        expect(activeNeurons(tr, t, l)).toEqual(s);
        expect(activeCount(tr, t, l)).toBe(s.length);
      }),
    );
    expect(() => traceFromSets([[[100]]], 100)).toThrow(/neuron 100/);
  });
});

describe('cumulativeShareCurve', () => {
  it('starts at (0, 0), ends at (1, 1), rises and bows above the diagonal (seeded frequencies)', async () => {
    const { cumulativeShareCurve } = await import('../../../lib/sparsity/profile.ts');
    const { mulberry32 } = await import('../../../lib/random.ts');
    const rand = mulberry32(3);
    const freq = Array.from({ length: 512 }, () => rand() ** 4);
    const c = cumulativeShareCurve(freq, 64);
    expect(c[0]).toEqual({ x: 0, y: 0 });
    expect(c[c.length - 1].x).toBe(1);
    expect(c[c.length - 1].y).toBeCloseTo(1, 9);
    expect(c.length).toBeGreaterThanOrEqual(64);
    for (let k = 1; k < c.length; k++) {
      expect(c[k].x).toBeGreaterThan(c[k - 1].x);
      expect(c[k].y).toBeGreaterThanOrEqual(c[k - 1].y);
      expect(c[k].y).toBeGreaterThanOrEqual(c[k].x - 1e-9); // hottest first: never below the diagonal
    }
    expect(cumulativeShareCurve([1, 1, 1, 1], 4).map((p) => p.y)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
