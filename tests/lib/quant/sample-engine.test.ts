// The AWQ lesson's greedy samples (the quant.evaluate handler) decode on the lean engine in the worker: they give the
// tokens the tfjs forward gives, for target-v1 as trained and for its int4 AWQ copy read as packed int4 groups (int3 takes the same path:
// tests/lib/engine/table.test.ts checks both widths on the committed files).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../../lib/quant/calibration.ts';
import { evaluateFp32, greedySample, methodFor, quantizeAndEvaluate } from '../../../lib/quant/experiment.ts';
import { quantizeModel } from '../../../lib/quant/quantize-model.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { loadCommitted } from '../node-model.ts';
import { sampleRunner } from '../../../lib/engine/index.ts';

const TEXT =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity.';
let model: LanguageModel;

beforeAll(async () => {
  await tf.setBackend('wasm');
  model = await loadCommitted('target-v1');
});
afterAll(() => model.dispose());

describe('greedy samples on the lean engine', () => {
  it('target-v1 (fp32): lean = tfjs, through evaluateFp32', () => {
    const ids = model.tokenizer.encode(TEXT).slice(0, 24);
    const lean = evaluateFp32(model, ids, { runner: sampleRunner });
    const tfjs = evaluateFp32(model, ids, {});
    expect(lean.sample).toBe(tfjs.sample);
    expect(lean.sample.length).toBeGreaterThan(20);
    expect(lean.loss).toBe(tfjs.loss); // the loss is tfjs's either way: only the sample changes engine
  });

  // RTN, not AWQ: the packed path is the same for both (AWQ's scales are folded into the weights before packing), and
  // AWQ's search took this test 50 s; the shipped AWQ files are checked packed by tests/lib/engine/table.test.ts.
  it.each([[4, 64, 'rtn']] as const)(
    'int%i g%i %s copy, packed on the lean engine: lean = tfjs',
    (bits, groupSize, method) => {
      const windows = [model.tokenizer.encode(TEXT).slice(0, model.config.blockSize)];
      const q = quantizeModel(
        model.config,
        model.exportWeights(),
        calibrate(model, windows),
        { bits, groupSize },
        methodFor(method),
      );
      expect(Object.values(q.matrices!).every((m) => m.bits === bits)).toBe(true);
      const copy = new LanguageModel(model.config, model.tokenizer, q.weights, `int${bits}`);
      try {
        const tfjs = greedySample(copy);
        expect(greedySample(copy, { runner: sampleRunner }, q.matrices)).toBe(tfjs);
      } finally {
        copy.dispose();
      }
    },
  );

  it('quantizeAndEvaluate passes the engine on (int8 RTN decodes its fp32 copy on the lean engine)', () => {
    const windows = [model.tokenizer.encode(TEXT).slice(0, model.config.blockSize)];
    const stats = calibrate(model, windows);
    const ids = model.tokenizer.encode(TEXT).slice(0, 24);
    const s = { bits: 8, groupSize: 64, method: 'rtn' } as const;
    expect(quantizeAndEvaluate(model, stats, ids, s, { runner: sampleRunner }).sample).toBe(
      quantizeAndEvaluate(model, stats, ids, s).sample,
    );
  });
});
