// The activation predictor: a folder round-trips, broken folders fail clearly, no tensors leak, and predictActive's
// masks and metrics agree with the model's real activity.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import {
  ActivationPredictor,
  encodePredictor,
  decodePredictor,
  initPredictorWeights,
  loadPredictor,
  type PredictorConfig,
} from '../../../lib/sparsity/predictor.ts';
import { predictActive, evaluatePredictor } from '../../../lib/sparsity/predict-active.ts';
import { activeNeurons } from '../../../lib/sparsity/trace.ts';
import { evaluate } from '../../../lib/evaluate.ts';
import type { LanguageModel } from '../../../lib/model.ts';

const cfg: PredictorConfig = { nLayer: 2, nEmbd: 16, nFfn: 64, ranks: [8, 4], threshold: 0.5, model: 'random' };

function folder(edit: (files: Map<string, Uint8Array>) => void = () => {}) {
  const { config, manifest, shards } = encodePredictor(cfg, initPredictorWeights(cfg, 5));
  const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
  const files = new Map<string, Uint8Array>([['config.json', enc(config)], ['weights.json', enc(manifest)], ...shards]);
  edit(files);
  const fetchFile = async (url: string) => {
    const f = files.get(url.replace('mem/pred/', ''));
    if (!f) throw new Error(`${url}: HTTP 404 Not Found`);
    return { data: f.slice().buffer as ArrayBuffer, fromCache: false };
  };
  return loadPredictor('mem/pred/', { fetchFile });
}

describe('predictor file', () => {
  it('decodePredictor inverts encodePredictor: the same config and every weight bit for bit', () => {
    const weights = initPredictorWeights(cfg, 9);
    const { config, manifest, shards } = encodePredictor(cfg, weights);
    const buffers = new Map([...shards].map(([k, v]) => [k, v.slice().buffer as ArrayBuffer]));
    const p = decodePredictor(JSON.parse(JSON.stringify(config)), JSON.parse(JSON.stringify(manifest)), buffers);
    const back = p.exportWeights();
    expect(Object.keys(back).sort()).toEqual(Object.keys(weights).sort());
    for (const k of Object.keys(weights)) expect(back[k]).toEqual(weights[k]);
    p.dispose();
  });
});

describe('ActivationPredictor', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('loads from a folder with the weights it was saved with', async () => {
    const p = await folder();
    const w = initPredictorWeights(cfg, 5);
    const back = p.exportWeights();
    for (const k of Object.keys(w)) expect(back[k]).toEqual(w[k]);
    expect(p.parameterCount).toBe(16 * 8 + 8 + 8 * 64 + 64 + 16 * 4 + 4 + 4 * 64 + 64);
    p.dispose();
  });

  it('names the file and the problem when a folder is broken', async () => {
    await expect(folder((f) => f.delete('predictor-shard1of1.bin'))).rejects.toThrow(
      /predictor-shard1of1.bin: HTTP 404/,
    );
    await expect(
      folder((f) => f.set('predictor-shard1of1.bin', f.get('predictor-shard1of1.bin')!.slice(0, 100))),
    ).rejects.toThrow(/truncated or corrupt/);
    await expect(
      folder((f) => f.set('config.json', new TextEncoder().encode(JSON.stringify({ ...cfg, ranks: [8] })))),
    ).rejects.toThrow(/"ranks" must list one positive integer per layer/);
    await expect(folder((f) => f.set('config.json', new TextEncoder().encode('{oops')))).rejects.toThrow(
      /pred\/config.json: not valid JSON/,
    );
  });

  it('gives probabilities in (0, 1) and a 0/1 mask; leaves no tensors behind', () => {
    const p = new ActivationPredictor(cfg, initPredictorWeights(cfg, 1));
    const before = tf.memory().numTensors;
    const x = Float32Array.from({ length: 3 * 16 }, (_, i) => Math.sin(i));
    const probs = p.probabilities(1, x);
    expect(probs.length).toBe(3 * 64);
    for (const v of probs) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    }
    const m = p.mask(1, x, 0.5);
    m.forEach((v, i) => expect(v).toBe(probs[i] > 0.5 ? 1 : 0));
    expect(() => p.probabilities(2, x)).toThrow(/layer 2 is outside 0..1/);
    expect(() => p.probabilities(0, x.subarray(0, 5))).toThrow(/not a positive multiple of nEmbd 16/);
    expect(tf.memory().numTensors).toBe(before);
    p.dispose();
  });

  it('predictActive: threshold 0 chooses every neuron (recall 1, sparse = dense); metrics match the traces', () => {
    const p = new ActivationPredictor(cfg, initPredictorWeights(cfg, 2));
    const ids = model.tokenizer.encode('The crust should sound hollow when tapped.').slice(0, 32);
    const before = tf.memory().numTensors;
    const all = predictActive(model, p, ids, { threshold: 0 });
    expect(all.all.recall).toBe(1);
    expect(all.all.computedShare).toBe(1);
    all.sparseLogits.forEach((row, t) => row.forEach((v, j) => expect(v).toBeCloseTo(all.denseLogits[t][j], 4)));

    const half = predictActive(model, p, ids, { threshold: 0.5 });
    expect(tf.memory().numTensors).toBe(before);
    for (let l = 0; l < 2; l++) {
      let tp = 0,
        pred = 0,
        act = 0;
      for (let t = 0; t < ids.length; t++) {
        const P = new Set(activeNeurons(half.predicted, t, l)),
          A = activeNeurons(half.actual, t, l);
        pred += P.size;
        act += A.length;
        tp += A.filter((i) => P.has(i)).length;
        for (let i = 0; i < 64; i++) expect(half.masks[l][t * 64 + i]).toBe(P.has(i) ? 1 : 0);
      }
      expect(half.layers[l].recall).toBeCloseTo(tp / act, 10);
      expect(half.layers[l].precision).toBeCloseTo(tp / pred, 10);
      expect(half.layers[l].computedShare).toBeCloseTo(pred / (ids.length * 64), 10);
    }
    // Layer 0's input does not depend on any mask, so both modes agree there.
    const oneShot = predictActive(model, p, ids, { threshold: 0.5, sequential: false });
    expect(oneShot.layers[0]).toEqual(half.layers[0]);
    p.dispose();
  });

  it('evaluatePredictor: loss change 0 when every neuron is kept, finite otherwise', () => {
    const p = new ActivationPredictor(cfg, initPredictorWeights(cfg, 3));
    const text = 'Bake at two hundred and twenty degrees for thirty-five minutes. '.repeat(2);
    const keepAll = evaluatePredictor(model, p, text, { threshold: 0 });
    expect(keepAll.tokens).toBe(new TextEncoder().encode(text).length - 1);
    expect(Math.abs(keepAll.lossChange)).toBeLessThan(1e-5);
    expect(keepAll.denseLoss).toBeCloseTo(evaluate(model, text).loss, 4); // same windows as evaluate()
    const e = evaluatePredictor(model, p, text);
    expect(Number.isFinite(e.lossChange)).toBe(true);
    expect(e.all.computedShare).toBeGreaterThan(0);
    expect(() => evaluatePredictor(model, p, 'a')).toThrow(/at least 2 tokens/);
    p.dispose();
  });
});
