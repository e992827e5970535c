// The constructed outlier model: target-v1's function, with OPT-like outlier input channels (lib/quant/outliers.ts).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { calibrate, calibrationWindows } from '../../../lib/quant/calibration.ts';
import { keepCount } from '../../../lib/quant/salient.ts';
import { OUTLIER_RATIO, outlierLayers, plantOutliers } from '../../../lib/quant/outliers.ts';
import { loadCorpus } from '../../../node/corpus.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const median = (xs: ArrayLike<number>) => Array.from(xs).sort((a, b) => a - b)[xs.length >> 1];
const maxAbsDiff = (a: ArrayLike<number>[][], b: ArrayLike<number>[][]) => {
  let m = 0;
  a[0].forEach((row, t) => Array.from(row).forEach((v, j) => (m = Math.max(m, Math.abs(v - b[0][t][j])))));
  return m;
};

describe('plantOutliers on target-v1', () => {
  it('keeps the fp32 logits (max |Δ| < 2e-4 on logits of size ~10) on held-out text, and plants 20x outlier channels that show on other text', async () => {
    const model = await loadCommitted('target-v1');
    const { train, validation } = loadCorpus();
    const calib = calibrationWindows(model.tokenizer.encode(train.slice(0, 20000)), model.config.blockSize, 512);
    const stats = calibrate(model, calib);
    const o = plantOutliers(model.config, model.exportWeights(), stats);
    const planted = new LanguageModel(model.config, model.tokenizer, o.weights, 'outliers');
    const heldOut = model.tokenizer.encode(validation).slice(0, model.config.blockSize);
    const a = model.forward([heldOut]).logits,
      b = planted.forward([heldOut]).logits;
    expect(maxAbsDiff(a, b)).toBeLessThan(2e-4);
    expect(Math.max(...Array.from(a[0][5], Math.abs))).toBeGreaterThan(1); // the tolerance is small against the logits

    // Activations on text the planting never saw: every planted channel stands out by about the planted ratio.
    const seen = calibrate(planted, calibrationWindows(heldOut, model.config.blockSize));
    const before = calibrate(model, calibrationWindows(heldOut, model.config.blockSize));
    for (const n of outlierLayers(model.config, 'all')) {
      const m = seen[n].meanAbs;
      expect(o.channels[n]).toHaveLength(keepCount(0.01, m.length));
      for (const c of o.channels[n]) {
        expect(m[c] / median(m)).toBeGreaterThan(OUTLIER_RATIO / 2);
        expect(m[c] / median(m)).toBeLessThan(OUTLIER_RATIO * 2);
      }
      // The trained model had no such channel in its LayerNorm-fed layers.
      if (n.endsWith('attn.qkv') || n.endsWith('mlp.up'))
        expect(Math.max(...before[n].meanAbs) / median(before[n].meanAbs)).toBeLessThan(4);
    }
    model.dispose();
    planted.dispose();
  });
});

describe('plantOutliers on random models', () => {
  it('is function-preserving for any ratio and either set of sites', () => {
    for (const [seed, ratio, sites] of [
      [1, 20, 'all'],
      [2, 100, 'layernorm'],
      [3, 5, 'all'],
    ] as const) {
      const model = randomModel({}, seed);
      const ids = Array.from({ length: 24 }, (_, i) => (i * 37 + seed) % 256);
      const stats = calibrate(model, [ids]);
      const o = plantOutliers(model.config, model.exportWeights(), stats, { ratio, sites });
      const planted = new LanguageModel(model.config, model.tokenizer, o.weights, 'p');
      expect(Object.keys(o.channels)).toHaveLength(model.config.nLayer * (sites === 'all' ? 4 : 2));
      expect(maxAbsDiff(model.forward([ids]).logits, planted.forward([ids]).logits)).toBeLessThan(1e-3);
      // The planted channels really moved: their mean |x| is now ratio x the median on the same text.
      const seen = calibrate(planted, [ids]);
      for (const [n, cs] of Object.entries(o.channels))
        for (const c of cs) expect(seen[n].meanAbs[c] / median(seen[n].meanAbs)).toBeCloseTo(ratio, 0);
      model.dispose();
      planted.dispose();
    }
  });

  it('rejects a ratio that is not a positive number', () => {
    const model = randomModel();
    const stats = calibrate(model, [[1, 2, 3, 4]]);
    expect(() => plantOutliers(model.config, model.exportWeights(), stats, { ratio: 0 })).toThrow(/ratio/);
    model.dispose();
  });
});
