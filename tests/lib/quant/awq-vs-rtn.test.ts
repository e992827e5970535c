// On our own model: AWQ (scale search + clipping, as llm-awq runs it) at int3 is no worse than round-to-nearest at
// the same bits and group size, on held-out text it never saw during calibration.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted } from '../node-model.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { evaluate } from '../../../lib/evaluate.ts';
import { mulberry32 } from '../../../lib/random.ts';
import { calibrate, type CalibrationStats } from '../../../lib/quant/calibration.ts';
import { quantizeModel } from '../../../lib/quant/quantize-model.ts';
import { loadCorpus } from '../../../node/corpus.ts';

let model: LanguageModel;
let stats: CalibrationStats;
let validation: number[];

beforeAll(async () => {
  await tf.setBackend('wasm');
  model = await loadCommitted('target-v1');
  const { train, validation: v } = loadCorpus();
  const ids = model.tokenizer.encode(train.slice(0, 400_000));
  const rng = mulberry32(3);
  stats = calibrate(
    model,
    Array.from({ length: 8 }, () => {
      const s = Math.floor(rng() * (ids.length - 128));
      return ids.slice(s, s + 128);
    }),
  );
  validation = model.tokenizer.encode(v).slice(0, 4097);
}, 300_000);

const lossOf = (weights: Record<string, Float32Array>) => {
  const m = new LanguageModel(model.config, model.tokenizer, weights);
  const e = evaluate(m, validation, { maxTokens: Infinity });
  m.dispose();
  return e.loss;
};

describe('AWQ against RTN on target-v1', () => {
  it('int3, group 128: AWQ loss ≤ RTN loss on 4,096 held-out tokens, and both are above fp32', () => {
    const w = model.exportWeights();
    const opts = { bits: 3, groupSize: 128 };
    const rtn = lossOf(quantizeModel(model.config, w, stats, opts, { kind: 'rtn' }).weights);
    const awq = lossOf(quantizeModel(model.config, w, stats, opts, { kind: 'awq', clip: true }).weights);
    const fp32 = lossOf(w);
    expect(rtn).toBeGreaterThan(fp32);
    expect(awq).toBeGreaterThan(fp32);
    expect(awq).toBeLessThanOrEqual(rtn);
  }, 400_000); // AWQ's search is minutes of plain JS on a busy 2-core machine
});
