// A finished LoRA training run frees every tensor it made: the worker trains, stops, keeps the adapter in an
// AdapterSet and trains again under the same name, many times a visit, so a leak per run adds up (issue 23).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdapterSet, LoraAdapter, LoraTrainer, baseModelId, targetsFor } from '../../../lib/lora/index.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';
import { randomModel } from '../node-model.ts';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('LoRA tensors', () => {
  it('an adapter, made and disposed, leaves the tensor count where it was', () => {
    const model = randomModel({ nLayer: 2 });
    const before = tf.memory().numTensors;
    const targets = targetsFor(model.config, ['q', 'k', 'v', 'up']);
    const adapter = new LoraAdapter(baseModelId(model), { rank: 2, alpha: 4, targets }, { seed: 3 });
    expect(tf.memory().numTensors - before).toBe(2 * targets.length); // A and B per target, nothing more
    adapter.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('train, stop, keep in the set, and train again under the same name: no tensor is left over per run', () => {
    const model = randomModel({ nLayer: 1, nEmbd: 16, nHead: 2, nFfn: 32, blockSize: 16 });
    const set = new AdapterSet(model);
    const rng = mulberry32(7);
    const ids = Array.from({ length: 300 }, () => randInt(rng, 0, 255));
    const spec = { rank: 2, alpha: 4, targets: targetsFor(model.config, ['q', 'v', 'up', 'down']) };
    const oneRun = (seed: number) => {
      const adapter = new LoraAdapter(set.base, spec, { seed });
      const trainer = new LoraTrainer(model, adapter, ids, { steps: 3, batchSize: 2, peakLr: 1e-3, seed });
      while (!trainer.done) trainer.step();
      trainer.dispose();
      set.add('yours', adapter); // the set owns it; the previous run's adapter is disposed
    };
    oneRun(1);
    const afterFirst = tf.memory().numTensors;
    for (let seed = 2; seed <= 5; seed++) oneRun(seed);
    expect(tf.memory().numTensors).toBe(afterFirst);
    set.remove('yours');
    model.dispose();
  });
});
