// Training an adapter: it lowers held-out loss on the second corpus, never touches the base, and leaks nothing.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, it, expect, beforeAll } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { LoraAdapter, LoraTrainer, baseModelId, heldOutBatches, targetsFor } from '../../../lib/lora/index.ts';
import { loadSotuCorpus } from '../../../node/sotu-corpus.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('LoraTrainer', () => {
  it('on target-v1 and the State of the Union text: held-out loss falls; every base weight is bit for bit unchanged', async () => {
    const model = await loadCommitted('target-v1');
    const before = model.exportWeights();
    const copy = Object.fromEntries(Object.entries(before).map(([n, w]) => [n, w.slice()]));
    const sotu = loadSotuCorpus();
    const trainIds = model.tokenizer.encode(sotu.train.slice(0, 60_000));
    const held = heldOutBatches(model, model.tokenizer.encode(sotu.validation.slice(0, 20_000)), 8, 64);
    const adapter = new LoraAdapter(
      baseModelId(model),
      { rank: 4, alpha: 8, targets: targetsFor(model.config, ['q', 'v']) },
      { seed: 1 },
    );
    const trainer = new LoraTrainer(model, adapter, trainIds, {
      steps: 30,
      batchSize: 4,
      blockSize: 64,
      peakLr: 0.01,
      seed: 2,
      warmup: 3,
    });
    const start = trainer.loss(held);
    while (!trainer.done) trainer.step();
    const end = trainer.loss(held);
    expect(end).toBeLessThan(start - 0.01); // measured: 3.703 -> 3.681 nats/token after 30 steps
    const after = model.exportWeights();
    for (const [n, w] of Object.entries(copy))
      expect(
        Buffer.compare(Buffer.from(after[n].buffer, after[n].byteOffset, after[n].byteLength), Buffer.from(w.buffer)),
        n,
      ).toBe(0);
    trainer.dispose();
    adapter.dispose();
    model.dispose();
  });

  it('creates no tensors across 100 steps after the first (Adam allocates its moments once)', () => {
    const model = randomModel({ nLayer: 1, nEmbd: 16, nHead: 2, nFfn: 32, blockSize: 16 });
    const rng = mulberry32(4);
    const ids = Array.from({ length: 400 }, () => randInt(rng, 0, 255));
    const adapter = new LoraAdapter(
      baseModelId(model),
      { rank: 2, alpha: 4, targets: targetsFor(model.config, ['q', 'v', 'up']) },
      { seed: 1 },
    );
    const trainer = new LoraTrainer(model, adapter, ids, { steps: 101, batchSize: 2, peakLr: 1e-3, seed: 1 });
    trainer.step();
    const n = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) trainer.step();
    expect(tf.memory().numTensors).toBe(n);
    trainer.loss(heldOutBatches(model, ids, 4));
    expect(tf.memory().numTensors).toBe(n);
    trainer.dispose();
    adapter.dispose();
    model.dispose();
  });

  it('refuses to train while an adapter is attached to the model', () => {
    const model = randomModel();
    const a = new LoraAdapter(baseModelId(model), { rank: 1, alpha: 1, targets: ['h.0.attn.q'] }, { seed: 1 });
    model.linearAdd = a.linearAdd();
    expect(() => new LoraTrainer(model, a, [1, 2, 3], { steps: 1, batchSize: 1, peakLr: 1e-3, seed: 1 })).toThrow(
      /detach the active adapter/,
    );
    model.linearAdd = null;
    a.dispose();
    model.dispose();
  });
});
