// cacheSweep: the neuron cache at a row of memory shares of a real (random-model) trace. More memory never hits
// less; all memory means no misses; memory is priced in bytes of the chosen vector size (lib/hardware).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { vectorBytes } from '../../../lib/hardware/neuron-bytes.ts';
import { cacheSweep } from '../../../lib/sparsity/cache-sweep.ts';
import { profileActivations } from '../../../lib/sparsity/profile.ts';
import { randomModel } from '../node-model.ts';

describe('cacheSweep', () => {
  it('hit rate grows with memory, reaches 100% with everything in memory, and bytes follow the vector size', async () => {
    await tf.setBackend('cpu');
    const model = randomModel({ nFfn: 64 });
    try {
      const profile = profileActivations(model, 'The whale swam on, and the ship followed it into the fog.', {
        maxTokens: 24,
      });
      const memories = [0, 0.25, 0.5, 0.75, 1];
      for (const neuron of ['ours', 'int4'] as const) {
        const pts = cacheSweep(profile, model.config.nEmbd, { hot: 0.5, bundle: true, neuron }, memories);
        const all = profile.nLayer * profile.nFfn * 2 * vectorBytes(neuron, model.config.nEmbd);
        pts.forEach((p, k) => {
          expect(p.memory).toBe(memories[k]);
          expect(p.memoryBytes).toBeCloseTo(memories[k] * all, 6);
          if (k > 0) expect(p.hitRate).toBeGreaterThanOrEqual(pts[k - 1].hitRate - 1e-12);
        });
        expect(pts[0].hitRate).toBe(0);
        expect(pts[4].hitRate).toBe(1);
        expect(pts[4].ioTokensPerSecond).toBe(Infinity);
        expect(Number.isFinite(pts[0].ioTokensPerSecond)).toBe(true);
      }
    } finally {
      model.dispose();
    }
  });
});
