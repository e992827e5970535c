// The constructed outlier model: target-v1's function, with OPT-like outlier input channels (lib/quant/outliers.ts).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { evaluate } from '../../../lib/evaluate.ts';
import { calibrate, calibrationWindows } from '../../../lib/quant/calibration.ts';
import { keepCount } from '../../../lib/quant/salient.ts';
import {
  channelAblation,
  chooseOutlierChannels,
  deleteChannels,
  mostNeeded,
  OUTLIER_RATIO,
  outlierLayers,
  plantOutliers,
} from '../../../lib/quant/outliers.ts';
import { loadCorpus } from '../../../node/corpus.ts';
import { median } from '../../../lib/stats.ts';
import planted from '../../../site/data/awq/outlier/planted-channels.json' with { type: 'json' };

// wasm: the calibration passes over 512-token texts take a tenth of the cpu backend's time.
beforeAll(async () => {
  await tf.setBackend('wasm');
});

const maxAbsDiff = (a: ArrayLike<number>[][], b: ArrayLike<number>[][]) => {
  let m = 0;
  a[0].forEach((row, t) => Array.from(row).forEach((v, j) => (m = Math.max(m, Math.abs(v - b[0][t][j])))));
  return m;
};

describe('plantOutliers on target-v1, at the committed channels (scripts/quantize.ts plant)', () => {
  it('keeps the fp32 logits (max |Δ| < 2e-4 on logits of size ~10) on held-out text, and plants 20x outlier channels that show on other text', async () => {
    const model = await loadCommitted('target-v1');
    const { train, validation } = loadCorpus();
    const calib = calibrationWindows(model.tokenizer.encode(train.slice(0, 20000)), model.config.blockSize, 512);
    const stats = calibrate(model, calib);
    expect(Object.keys(planted.channels).sort()).toEqual(outlierLayers(model.config, 'all').sort());
    const o = plantOutliers(model.config, model.exportWeights(), stats, planted.channels);
    const outliers = new LanguageModel(model.config, model.tokenizer, o.weights, 'outliers');
    const heldOut = model.tokenizer.encode(validation).slice(0, model.config.blockSize);
    const a = model.forward([heldOut]).logits,
      b = outliers.forward([heldOut]).logits;
    expect(maxAbsDiff(a, b)).toBeLessThan(2e-4);
    expect(Math.max(...Array.from(a[0][5], Math.abs))).toBeGreaterThan(1); // the tolerance is small against the logits

    // Activations on text the planting never saw: every planted channel stands out by about the planted ratio,
    // unless it already stood out more (s is never below 1).
    // (512 tokens: a ReLU channel of mlp.down fires on few tokens, so 128 would be a noisy estimate of its mean |x|)
    const other = calibrationWindows(
      model.tokenizer.encode(validation),
      model.config.blockSize,
      4 * model.config.blockSize,
    );
    const seen = calibrate(outliers, other);
    const before = calibrate(model, other);
    for (const n of outlierLayers(model.config, 'all')) {
      const m = seen[n].meanAbs;
      expect(o.channels[n]).toHaveLength(keepCount(0.01, m.length));
      const ratios = o.channels[n].map((c) => m[c] / median(m));
      o.scales[n].forEach((sc, k) => {
        if (sc === 1) expect(ratios[k]).toBeGreaterThan(OUTLIER_RATIO / 2); // it stood out already
      });
      if (n.endsWith('mlp.down')) {
        // A ReLU channel fires on some tokens only, so its mean |x| varies more between texts: each of the five still
        // stands out, and together (geometric mean) they sit at about the planted ratio.
        for (const r of ratios) expect(r).toBeGreaterThan(2);
        const geo = Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length);
        expect(geo).toBeGreaterThan(OUTLIER_RATIO / 2);
        expect(geo).toBeLessThan(OUTLIER_RATIO * 2);
      } else
        ratios.forEach((r, k) => {
          if (o.scales[n][k] > 1) {
            expect(r).toBeGreaterThan(OUTLIER_RATIO / 2);
            expect(r).toBeLessThan(OUTLIER_RATIO * 2);
          }
        });
      // The trained model had no such channel in its LayerNorm-fed layers.
      if (n.endsWith('attn.qkv') || n.endsWith('mlp.up'))
        expect(Math.max(...before[n].meanAbs) / median(before[n].meanAbs)).toBeLessThan(4);
    }
    model.dispose();
    outliers.dispose();
  });
});

describe('channelAblation and deleteChannels on random models', () => {
  it('a channel’s rise is the loss of the model without that channel minus the loss with it', () => {
    const model = randomModel({}, 4);
    const windows = [0, 1].map((s) => Array.from({ length: 20 }, (_, i) => (i * 53 + 11 * s + 7) % 256));
    const layer = 'h.1.mlp.down';
    const rise = channelAblation(model, windows, layer);
    expect(rise).toHaveLength(model.config.nFfn);
    const lossOf = (weights: Record<string, Float32Array>) => {
      const m = new LanguageModel(model.config, model.tokenizer, weights, 'm');
      const l = windows.map((w) => evaluate(m, w).loss).reduce((a, b) => a + b) / windows.length;
      m.dispose();
      return l;
    };
    const base = lossOf(model.exportWeights());
    for (const c of [0, 17, mostNeeded(rise, 1)[0]])
      expect(rise[c]).toBeCloseTo(
        lossOf(deleteChannels(model.config, model.exportWeights(), { [layer]: [c] })) - base,
        4,
      );
    // A channel the layer never reads (its row already zero) costs nothing to delete.
    const w = model.exportWeights();
    const silent = deleteChannels(model.config, w, { [layer]: [5] });
    const m2 = new LanguageModel(model.config, model.tokenizer, silent, 'silent');
    expect(Math.abs(channelAblation(m2, windows, layer)[5])).toBeLessThan(1e-6);
    m2.dispose();
    model.dispose();
  });

  it('deleteChannels zeroes exactly the named rows and leaves the input weights alone', () => {
    const model = randomModel();
    const w = model.exportWeights();
    const d = deleteChannels(model.config, w, { 'h.0.attn.qkv': [3, 9] });
    const before = w['h.0.attn.qkv.weight'],
      after = d['h.0.attn.qkv.weight'];
    const outDim = 3 * model.config.nEmbd;
    for (let i = 0; i < model.config.nEmbd; i++)
      for (let j = 0; j < outDim; j++)
        expect(after[i * outDim + j]).toBe(i === 3 || i === 9 ? 0 : before[i * outDim + j]);
    expect(w['h.0.attn.qkv.weight']).toBe(before);
    expect(Array.from(before.subarray(3 * outDim, 4 * outDim)).some((x) => x !== 0)).toBe(true);
    model.dispose();
  });

  it('mostNeeded orders by cost, ties to the lower index', () => {
    expect(mostNeeded([0.1, 0.3, 0.3, -0.2, 0.05], 3)).toEqual([1, 2, 0]);
  });
});

describe('plantOutliers on random models', () => {
  it('is function-preserving for any ratio, at the channels the ablation chooses, on either set of sites', () => {
    for (const [seed, ratio, sites] of [
      [1, 20, 'all'],
      [2, 100, 'layernorm'],
      [3, 5, 'all'],
    ] as const) {
      const model = randomModel({}, seed);
      const ids = Array.from({ length: 24 }, (_, i) => (i * 37 + seed) % 256);
      const stats = calibrate(model, [ids]);
      const { channels, rise } = chooseOutlierChannels(model, [ids], sites);
      for (const [n, cs] of Object.entries(channels)) expect(Math.max(...rise[n])).toBe(rise[n][cs[0]]);
      const o = plantOutliers(model.config, model.exportWeights(), stats, channels, { ratio });
      const outliers = new LanguageModel(model.config, model.tokenizer, o.weights, 'p');
      expect(Object.keys(o.channels)).toHaveLength(model.config.nLayer * (sites === 'all' ? 4 : 2));
      expect(maxAbsDiff(model.forward([ids]).logits, outliers.forward([ids]).logits)).toBeLessThan(1e-3);
      // The planted channels really moved: their mean |x| is now ratio x the median on the same text (or more, where
      // the channel already stood out more than that).
      const seen = calibrate(outliers, [ids]);
      for (const [n, cs] of Object.entries(o.channels))
        cs.forEach((c, k) => {
          const r = seen[n].meanAbs[c] / median(seen[n].meanAbs);
          // (the median moves a little once the planted channel leaves the middle of the distribution)
          if (o.scales[n][k] > 1) expect(Math.abs(r / ratio - 1)).toBeLessThan(0.05);
          else expect(r).toBeGreaterThanOrEqual(ratio * 0.99);
        });
      model.dispose();
      outliers.dispose();
    }
  });

  it('rejects a ratio that is not a positive number, and a channel the layer does not have', () => {
    const model = randomModel();
    const stats = calibrate(model, [[1, 2, 3, 4]]);
    expect(() => plantOutliers(model.config, model.exportWeights(), stats, {}, { ratio: 0 })).toThrow(/ratio/);
    expect(() => plantOutliers(model.config, model.exportWeights(), stats, { 'h.0.mlp.up': [16] })).toThrow(
      /channel 16/,
    );
    model.dispose();
  });
});
