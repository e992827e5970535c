// forEachWindow runs each window on the lean engine and records its FFN (the engine's onFfn): the records are what
// tfjs's recorded forward gives for the same window, on a random model and with a last, partial window.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanEngine } from '../../../lib/engine/index.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { forEachWindow, windowStarts } from '../../../lib/sparsity/windows.ts';
import { randomModel } from '../node-model.ts';

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);

describe('forEachWindow', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('records each window’s FFN input and ReLU output as the tfjs forward does, positions restarting at 0', () => {
    const { blockSize: T, nLayer } = model.config;
    let seed = 7;
    const ids = Array.from({ length: 2 * T + 5 }, () => (seed = (seed * 16807) % 2147483647) % model.config.vocabSize);
    const seen: number[] = [];
    forEachWindow(model, ids, ({ start, length, ffnIn, ffnPost }) => {
      seen.push(start);
      expect(length).toBe(Math.min(T, ids.length - start));
      const ref = model.forward([ids.slice(start, start + length)], { record: { ffn: true } });
      for (let l = 0; l < nLayer; l++) {
        expect(maxAbsDiff(ffnIn[l], ref.ffnIn![l])).toBeLessThan(1e-4);
        expect(maxAbsDiff(ffnPost[l], ref.ffnPost![l])).toBeLessThan(1e-4);
      }
    });
    expect(seen).toEqual(windowStarts(ids.length, T));
  });

  it('the engine refuses to record an FFN it does not compute densely', () => {
    const engine = leanEngine(model);
    const onFfn = () => {};
    expect(() => engine.run([1, 2], { onFfn, ffnNeurons: Array(model.config.nLayer).fill([0]) })).toThrow(/onFfn/);
    expect(() => engine.run([1, 2], { onFfn, ffnFn: (_, x) => x })).toThrow(/onFfn/);
  });
});
