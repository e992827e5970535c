// The sparse FFN is exact on the neurons that fire: in the model (ffnMask, ffnNeurons) and in the plain-JS
// neuron-aware kernel. With the trained predictor, the loss change is finite and recall reaches a measured floor.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel, loadCommitted, MODELS_DIR, readFromDisk } from '../node-model.ts';
import { denseFfn, kernelWeights, preActivations, sparseFfn } from '../../../lib/sparsity/neuron-kernel.ts';
import { raceSparseFfn, sampleFfnInput } from '../../../lib/sparsity/race.ts';
import { loadPredictor } from '../../../lib/sparsity/predictor.ts';
import { evaluatePredictor } from '../../../lib/sparsity/predict-active.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const TEXT = 'Shape the loaf, dust it with flour, and slash the top so the steam can escape.';
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe.each(['cpu', 'wasm'])('sparse FFN on %s', (backend) => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend(backend);
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('masking each token to its true active set (ffnMask) gives the dense logits', () => {
    const ids = model.tokenizer.encode(TEXT).slice(0, 32);
    const dense = model.forward([ids], { record: { ffn: true } });
    const masks = dense.ffnPost!.map((post) => Float32Array.from(post, (v) => (v > 0 ? 1 : 0)));
    const sparse = model.forward([ids], { ffnMask: masks }).logits[0];
    for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(sparse[t], dense.logits[0][t])).toBeLessThan(1e-4);
    // Dropping one truly active neuron per token changes the result: the mask is really applied.
    const cut = masks.map((m) => {
      const c = m.slice();
      c[c.indexOf(1)] = 0;
      return c;
    });
    const off = model.forward([ids], { ffnMask: cut }).logits[0];
    expect(Math.max(...off.map((row, t) => maxAbsDiff(row, dense.logits[0][t])))).toBeGreaterThan(1e-4);
  });

  it('computing only the union of active neurons (ffnNeurons, a real gather) gives the dense logits', () => {
    const ids = model.tokenizer.encode(TEXT).slice(0, 2); // few tokens, so the union of their active sets is not everything
    const dense = model.forward([ids], { record: { ffn: true } });
    const F = model.config.nFfn;
    const sets = dense.ffnPost!.map((post) => [
      ...new Set(
        Array.from(post.keys())
          .filter((k) => post[k] > 0)
          .map((k) => k % F),
      ),
    ]);
    expect(sets.every((s) => s.length < F)).toBe(true);
    const sparse = model.forward([ids], { ffnNeurons: sets }).logits[0];
    for (let t = 0; t < ids.length; t++) expect(maxAbsDiff(sparse[t], dense.logits[0][t])).toBeLessThan(1e-4);
  });

  it('raceSparseFfn (tfjs) with the true active set matches dense and leaves no tensors', () => {
    const before = tf.memory().numTensors;
    const r = raceSparseFfn(model, 1, { kernel: 'tfjs', repeats: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.backend).toBe(backend);
    expect(r.activeCount).toBe(r.trueActiveCount);
    expect(r.maxAbsDiff).toBeLessThan(1e-4);
    expect(r.idealSpeedup).toBeCloseTo(model.config.nFfn / r.activeCount, 10);
    expect(r.denseMs).toBeGreaterThan(0);
    expect(r.sparseMs).toBeGreaterThan(0);
  });
});

describe('neuron-aware kernel (plain TypedArrays)', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ nEmbd: 32, nFfn: 128 });
  });
  afterAll(() => model.dispose());

  it('dense kernel equals the model FFN; sparse kernel on the true active set equals dense', () => {
    const ids = model.tokenizer.encode(TEXT).slice(0, 8);
    const out = model.forward([ids], { record: { ffn: true } });
    const w = kernelWeights(model, 0);
    const C = 32,
      F = 128;
    const down = model.getLinear('h.0.mlp.down');
    for (let t = 0; t < ids.length; t++) {
      const x = out.ffnIn![0].slice(t * C, (t + 1) * C);
      // Reference: the model's own ReLU output times W_down, in float64.
      const h = out.ffnPost![0].subarray(t * F, (t + 1) * F);
      const ref = Array.from(down.bias, (b, c) => {
        let s = b;
        for (let i = 0; i < F; i++) s += h[i] * down.weight[i * C + c];
        return s;
      });
      const y = denseFfn(w, x);
      expect(maxAbsDiff(y, ref)).toBeLessThan(1e-3);
      const active = Array.from(preActivations(w, x).keys()).filter((i) => preActivations(w, x)[i] > 0);
      expect(active.length).toBeLessThan(F);
      expect(maxAbsDiff(sparseFfn(w, x, active), y)).toBeLessThan(1e-4);
      expect(
        maxAbsDiff(
          sparseFfn(
            w,
            x,
            Array.from({ length: F }, (_, i) => i),
          ),
          y,
        ),
      ).toBeLessThan(1e-4);
    }
  });

  it('sparse kernel on a subset equals the dense FFN with the other neurons zeroed', () => {
    const w = kernelWeights(model, 1);
    const x = sampleFfnInput(model, 1);
    const subset = [3, 17, 40, 41, 99, 127];
    const pre = preActivations(w, x);
    const ref = Array.from(w.downBias, (b, c) => {
      let s = b;
      for (const i of subset) s += Math.max(0, pre[i]) * w.down[i * 32 + c];
      return s;
    });
    expect(maxAbsDiff(sparseFfn(w, x, subset), ref)).toBeLessThan(1e-4);
    expect(maxAbsDiff(sparseFfn(w, x, subset, undefined, false), ref)).toBeLessThan(1e-4); // same values without the skip
    expect(maxAbsDiff(sparseFfn(w, x, []), w.downBias)).toBe(0);
  });

  it('raceSparseFfn (js) reports the set it used and the ideal speedup', () => {
    const r = raceSparseFfn(model, 0, { kernel: 'js', sparsity: 0.75, repeats: 1 });
    expect(r.backend).toBe('plain JS');
    expect(r.activeCount).toBe(32);
    expect(r.sparsity).toBe(0.75);
    expect(r.idealSpeedup).toBe(4);
    if (r.activeCount >= r.trueActiveCount) expect(r.maxAbsDiff).toBeLessThan(1e-4);
    expect(() => raceSparseFfn(model, 0, { sparsity: 1 })).toThrow(/sparsity must be in \[0, 1\)/);
    expect(() => raceSparseFfn(model, 0, { activeSet: [128] })).toThrow(/neuron 128 is outside 0..127/);
  });
});

// With the committed target and predictor: the measured floor below is ~0.05 under what scripts/train-predictors.ts
// measured on the validation chapters (see public/models/predictor-v1/MODEL.md).
describe('predicted sparsity on the committed target model', () => {
  it("runs with the predictor's masks: finite loss change, recall above the measured floor", async () => {
    await tf.setBackend('wasm');
    const model = await loadCommitted('target-v1');
    const predictor = await loadPredictor(MODELS_DIR + 'predictor-v1', { fetchFile: readFromDisk });
    const { loadCorpus } = await import('../../../node/corpus.ts');
    const e = evaluatePredictor(model, predictor, loadCorpus().validation, { maxTokens: 512 });
    expect(Number.isFinite(e.lossChange)).toBe(true);
    expect(e.all.recall).toBeGreaterThanOrEqual(RECALL_FLOOR);
    expect(e.all.computedShare).toBeLessThan(1);
    predictor.dispose();
    model.dispose();
  });
});
const RECALL_FLOOR = 0.9;
