// The sparse FFN is exact on the neurons that fire: in the model (ffnMask, ffnNeurons) and in the race's FFN on the
// engine's kernels (js and SIMD). With the trained predictor, the loss change is finite and recall reaches a measured floor.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel, loadCommitted, MODELS_DIR, readFromDisk } from '../node-model.ts';
import { chooseActiveSet, ffnInHeap, preActivations, raceSparseFfn, runFfn } from '../../../lib/sparsity/race.ts';
import { mulberry32 } from '../../../lib/random.ts';
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

// The race's FFN on the engine's kernels. Tolerances: float32 sums in another order than the float64 references
// (and, for SIMD, than the plain-JS loops), over weights ten times training's scale.
describe.each(['js', 'simd'] as const)("the race's FFN on the engine's %s kernels", (kind) => {
  const C = 32,
    F = 128;
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel({ nEmbd: C, nFfn: F });
  });
  afterAll(() => model.dispose());

  /** Independent float64 reference: y = b_down + Σ_{i in set} ReLU(x·W_up[:, i] + b_up[i]) W_down[i, :]. */
  const reference = (layer: number, x: Float32Array, set: Iterable<number>) => {
    const up = model.getLinear(`h.${layer}.mlp.up`),
      down = model.getLinear(`h.${layer}.mlp.down`);
    const y = Array.from(down.bias);
    for (const i of set) {
      let h = up.bias[i];
      for (let c = 0; c < C; c++) h += x[c] * up.weight[c * F + i];
      if (h > 0) for (let c = 0; c < C; c++) y[c] += h * down.weight[i * C + c];
    }
    return y;
  };
  const everyNeuron = Array.from({ length: F }, (_, i) => i);

  it('dense equals the model FFN; sparse on the true active set, or on every neuron, equals dense', () => {
    const ids = model.tokenizer.encode(TEXT).slice(0, 8);
    const out = model.forward([ids], { record: { ffn: true } });
    const f = ffnInHeap(model, 0, kind);
    for (let t = 0; t < ids.length; t++) {
      const x = out.ffnIn![0].slice(t * C, (t + 1) * C);
      const y = runFfn(f, x);
      expect(maxAbsDiff(y, reference(0, x, everyNeuron))).toBeLessThan(1e-3);
      // The model's own ReLU output picks the active set, independently of preActivations.
      const post = out.ffnPost![0].subarray(t * F, (t + 1) * F);
      const active = Array.from(post.keys()).filter((i) => post[i] > 0);
      expect(active.length).toBeLessThan(F);
      expect(Array.from(chooseActiveSet(f, x))).toEqual(active);
      for (const skip of [true, false]) {
        expect(maxAbsDiff(runFfn(f, x, active, skip), y)).toBeLessThan(1e-4);
        expect(maxAbsDiff(runFfn(f, x, everyNeuron, skip), y)).toBeLessThan(1e-4);
      }
    }
  });

  it('on random inputs and random subsets, sparse equals the reference with the other neurons zeroed', () => {
    const rand = mulberry32(7);
    const f = ffnInHeap(model, 1, kind);
    for (let trial = 0; trial < 20; trial++) {
      const x = Float32Array.from({ length: C }, () => 2 * rand() - 1);
      const share = rand(); // subsets of every size between none and all
      const subset = everyNeuron.filter(() => rand() < share);
      const ref = reference(1, x, subset);
      expect(maxAbsDiff(runFfn(f, x, subset, true), ref)).toBeLessThan(1e-4);
      expect(maxAbsDiff(runFfn(f, x, subset, false), ref)).toBeLessThan(1e-4);
      // Pre-activations are the engine's matvec: the top-k choice keeps the k largest.
      const pre = preActivations(f, x);
      const k = 1 + Math.floor(rand() * (F - 1));
      const chosen = chooseActiveSet(f, x, { sparsity: 1 - k / F });
      expect(chosen.length).toBe(k);
      const cut = Math.min(...Array.from(chosen, (i) => pre[i]));
      expect(Array.from(pre).filter((p) => p > cut).length).toBeLessThan(k);
    }
    expect(maxAbsDiff(runFfn(f, new Float32Array(C), []), model.getLinear('h.1.mlp.down').bias)).toBe(0);
    expect(() => runFfn(f, new Float32Array(C), [0, F])).toThrow(/neuron 128 is outside 0..127/);
    expect(() => runFfn(f, new Float32Array(C), [...everyNeuron, 0])).toThrow(/129 neurons listed, the layer has 128/);
  });

  it('raceSparseFfn reports the set it used, the ideal speedup, and refuses bad input', () => {
    const r = raceSparseFfn(model, 0, { kernel: kind, sparsity: 0.75, repeats: 1 });
    expect(r.kernel).toBe(kind);
    expect(r.backend).toBe(kind === 'js' ? 'plain JS' : 'WebAssembly SIMD');
    expect(r.activeCount).toBe(32);
    expect(r.sparsity).toBe(0.75);
    expect(r.idealSpeedup).toBe(4);
    expect(r.denseMs).toBeGreaterThan(0);
    expect(r.sparseMs).toBeGreaterThan(0);
    if (r.activeCount >= r.trueActiveCount) expect(r.maxAbsDiff).toBeLessThan(1e-4);
    else expect(r.maxAbsDiff).toBeGreaterThan(1e-4); // the chosen quarter leaves out neurons that fire
    const exact = raceSparseFfn(model, 0, { kernel: kind, repeats: 1 });
    expect(exact.activeCount).toBe(exact.trueActiveCount);
    expect(exact.maxAbsDiff).toBeLessThan(1e-4);
    expect(() => raceSparseFfn(model, 0, { kernel: kind, sparsity: 1 })).toThrow(/sparsity must be in \[0, 1\)/);
    expect(() => raceSparseFfn(model, 0, { kernel: kind, activeSet: [128] })).toThrow(/neuron 128 is outside 0..127/);
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
