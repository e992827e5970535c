import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadCommitted } from '../tests/lib/node-model.ts';
import { evaluate } from '../lib/evaluate.ts';
import { LanguageModel } from '../lib/model.ts';
import { loadCorpus } from './corpus.ts';
import { calibrate, calibrationWindows } from '../lib/quant/calibration.ts';
import { quantizeModel } from '../lib/quant/quantize-model.ts';
await tf.setBackend('wasm');
const m = await loadCommitted('target-v1');
const { train, validation } = loadCorpus();
let t = performance.now();
const ids = m.tokenizer.encode(train);
import { mulberry32 } from '../lib/random.ts';
const rng = mulberry32(1);
const wins = Array.from({ length: 32 }, () => { const st = Math.floor(rng() * (ids.length - 128)); return ids.slice(st, st + 128); });
const stats = calibrate(m, wins);
console.log('calib ms', performance.now() - t);
const w = m.exportWeights();
for (const bits of [3, 2]) for (const method of [{ kind: 'rtn' }, { kind: 'awq' }, { kind: 'awq', clip: true }, { kind: 'keep', by: 'activation', fraction: 0.01 }] as const) {
  t = performance.now();
  const q = quantizeModel(m.config, w, stats, { bits, groupSize: 128 }, method as any);
  const qt = performance.now() - t;
  const qm = new LanguageModel(m.config, m.tokenizer, q.weights);
  const e = evaluate(qm, validation, { maxTokens: 8192 });
  qm.dispose();
  console.log(bits, JSON.stringify(method), e.loss.toFixed(4), 'quant ms', qt.toFixed(0), Object.values(q.layers).map((l) => (l.error/l.rtnError).toFixed(2)).join(','));
}
