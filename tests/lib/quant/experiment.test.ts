// The widgets' experiments: settings are checked with reader-facing messages, and the results hang together.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../node-model.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { calibrate, type CalibrationStats } from '../../../lib/quant/calibration.ts';
import { alphaCurve, evaluateFp32, quantizeAndEvaluate } from '../../../lib/quant/experiment.ts';
import { validateQuantSettings } from '../../../lib/quant/settings.ts';
import type { LanguageModel } from '../../../lib/model.ts';

let model: LanguageModel;
let stats: CalibrationStats;
let evalIds: number[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = randomModel({ nLayer: 2, nEmbd: 32, nHead: 2, nFfn: 128, blockSize: 32 });
  const rng = mulberry32(2);
  stats = calibrate(
    model,
    Array.from({ length: 2 }, () => Array.from({ length: 32 }, () => Math.floor(rng() * 256))),
  );
  evalIds = Array.from({ length: 65 }, () => Math.floor(rng() * 256));
});

describe('quantizeAndEvaluate', () => {
  it('8 bits is nearly fp32 and 2 bits is worse; keep-* files are larger by their fp32 channels', () => {
    const fp32 = evaluateFp32(model, evalIds);
    const q8 = quantizeAndEvaluate(model, stats, evalIds, { bits: 8, groupSize: 32, method: 'rtn' });
    const q2 = quantizeAndEvaluate(model, stats, evalIds, { bits: 2, groupSize: 32, method: 'rtn' });
    expect(Math.abs(q8.loss - fp32.loss)).toBeLessThan(0.02);
    expect(q2.loss).toBeGreaterThan(q8.loss);
    const keep = quantizeAndEvaluate(model, stats, evalIds, { bits: 2, groupSize: 32, method: 'keep-activation' });
    expect(keep.bytes).toBeGreaterThan(q2.bytes);
    expect(q2.bytes).toBeLessThan(q8.bytes);
    expect(q8.bytes).toBeLessThan(fp32.bytes);
    expect(typeof q2.sample).toBe('string');
    // Per-token losses (for the widget's paired intervals): one per predicted token, averaging to the loss.
    for (const r of [fp32, q8, q2]) {
      expect(r.tokenLosses).toHaveLength(evalIds.length - 1);
      expect(r.tokenLosses.reduce((a, b) => a + b, 0) / r.tokenLosses.length).toBeCloseTo(r.loss, 3);
    }
  });

  it('leaves no tensors behind (calibrate, quantizeAndEvaluate, alphaCurve)', () => {
    const before = tf.memory().numTensors;
    const rng = mulberry32(5);
    const st = calibrate(model, [Array.from({ length: 16 }, () => Math.floor(rng() * 256))]);
    quantizeAndEvaluate(model, st, evalIds, { bits: 4, groupSize: 32, method: 'awq' });
    alphaCurve(model, st, 'h.0.attn.qkv', { bits: 4, groupSize: 32 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("refuses settings outside the lesson's choices", () => {
    expect(() => validateQuantSettings({ bits: 5, groupSize: 64, method: 'rtn' })).toThrow(
      /bits must be one of 2, 3, 4, 8; got 5/,
    );
    expect(() => validateQuantSettings({ bits: 4, groupSize: 48, method: 'rtn' })).toThrow(
      /group size must be one of 32, 64, 128; got 48/,
    );
    expect(() => validateQuantSettings({ bits: 4, groupSize: 64, method: 'gptq' })).toThrow(
      /method must be one of .*got "gptq"/,
    );
  });
});

describe('alphaCurve', () => {
  it('starts at RTN (relative error 1, step ratio 1) and its best point is the minimum', () => {
    const c = alphaCurve(model, stats, 'h.1.mlp.down', { bits: 3, groupSize: 32 });
    expect(c.points).toHaveLength(20);
    expect(c.points[0].relError).toBe(1);
    expect(c.points[0].stepRatio).toBeCloseTo(1, 6);
    expect(c.points[0].salientFactor).toBeCloseTo(1, 6);
    expect(c.points[0].grewShare).toBe(0);
    expect(c.points[c.best].relError).toBe(Math.min(...c.points.map((p) => p.relError)));
    expect(() => alphaCurve(model, stats, 'h.9.mlp.down', { bits: 3, groupSize: 32 })).toThrow(
      /No linear layer "h.9.mlp.down"/,
    );
  });
});
