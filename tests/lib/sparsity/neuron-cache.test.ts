// The segmented neuron cache and the UFS read model: bytes and reads accounted exactly on a hand-made trace, hit
// rate non-decreasing in the budget on a real trace, and everything served from memory when everything fits.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect } from 'vitest';
import { randomModel } from '../node-model.ts';
import { simulateNeuronCache } from '../../../lib/sparsity/neuron-cache.ts';
import { readBandwidth, readMs, blockRound, UFS_4_0 } from '../../../lib/hardware/storage-curve.ts';
import { traceFromSets } from '../../../lib/sparsity/trace.ts';
import { profileActivations } from '../../../lib/sparsity/profile.ts';

describe('UFS 4.0 read model', () => {
  it('gives the cited bandwidths at 4 KB and 512 KB and interpolates in log(size) between', () => {
    expect(readBandwidth(4096, 'random')).toBe(1e9);
    expect(readBandwidth(512 * 1024, 'random')).toBe(3.5e9);
    expect(readBandwidth(4096, 'sequential')).toBe(450e6);
    expect(readBandwidth(512 * 1024, 'sequential')).toBe(4e9);
    expect(readBandwidth(64 * 1024, 'random')).toBeCloseTo(1e9 + 2.5e9 * (4 / 7), 0); // 64 KB = 4 of 7 doublings
    expect(readBandwidth(100, 'random')).toBe(1e9); // a partial block costs a block
    expect(readBandwidth(8 << 20, 'sequential')).toBe(4e9); // clamped above the last cited size
    expect(blockRound(1)).toBe(4096);
    expect(readMs(4096)).toBeCloseTo((4096 / 1e9) * 1000, 12);
    expect(UFS_4_0.source).toMatch(/2406\.06282/);
  });
});

describe('simulateNeuronCache', () => {
  // One layer of 8 neurons; frequencies make neurons 0 and 1 the hot ones (hotNeuronShare 0.25 → 2 hot, one cluster).
  const freq = [Float32Array.of(0.9, 0.8, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1)];
  const trace = traceFromSets([[[0, 1, 2]], [[0, 3]], [[2, 3]]], 8);
  const base = { frequency: freq, vectorBytes: 512, hotNeuronShare: 0.25, clusterSize: 2, preload: false };

  it('with no memory, every access is a miss: reads and bytes counted exactly (bundled)', () => {
    const r = simulateNeuronCache(trace, { ...base, budgetBytes: 0 });
    // token 0: hot cluster {0,1} (1 read of 2 KB) + neuron 2 (1 KB); token 1: cluster + neuron 3; token 2: neurons 2, 3
    expect(r.hitRate).toBe(0);
    expect(r.accessesPerToken).toBeCloseTo(7 / 3, 12);
    expect(r.readsPerToken).toBeCloseTo(6 / 3, 12);
    expect(r.payloadBytesPerToken).toBeCloseTo((2 * 2048 + 4 * 1024) / 3, 9);
    expect(r.bytesReadPerToken).toBeCloseTo((6 * 4096) / 3, 9); // every read is rounded up to one 4 KB block
    expect(r.ioMsPerToken).toBeCloseTo((6 * readMs(4096)) / 3, 12);
  });

  it('without bundling, up and down are separate reads: twice the reads for the same payload', () => {
    const r = simulateNeuronCache(trace, { ...base, budgetBytes: 0, bundle: false });
    expect(r.readsPerToken).toBeCloseTo(12 / 3, 12);
    expect(r.payloadBytesPerToken).toBeCloseTo((2 * 2048 + 4 * 1024) / 3, 9);
    expect(r.bytesReadPerToken).toBeCloseTo((12 * 4096) / 3, 9);
  });

  it('with room for everything, only first touches miss; with preload nothing misses', () => {
    const all = 8 * 1024;
    const cold = simulateNeuronCache(trace, { ...base, budgetBytes: all });
    // misses: cluster {0,1} at token 0 (2 accesses), neuron 2 at token 0, neuron 3 at token 1 → 4 of 7
    expect(cold.hitRate).toBeCloseTo(3 / 7, 12);
    const warm = simulateNeuronCache(trace, { ...base, budgetBytes: all, warmupTokens: 2 });
    expect(warm.tokens).toBe(1);
    expect(warm.hitRate).toBe(1);
    const pre = simulateNeuronCache(trace, { ...base, budgetBytes: all, preload: true });
    expect(pre.hitRate).toBe(1);
    expect(pre.bytesReadPerToken).toBe(0);
    expect(pre.totalBytes).toBe(all);
  });

  it('LRU: a one-neuron cold region keeps only the last neuron', () => {
    const t = traceFromSets([[[2]], [[3]], [[2]], [[2]]], 8);
    const r = simulateNeuronCache(t, { ...base, budgetBytes: 1024, hotRegionShare: 0 });
    expect(r.coldCapacityNeurons).toBe(1);
    expect(r.hitRate).toBeCloseTo(1 / 4, 12); // 2, 3 evicts 2, 2 misses, 2 hits
  });

  it('on a real trace, hit rate never falls as the budget grows, hot clusters stay resident, and everything fits at 100%', async () => {
    await tf.setBackend('cpu');
    const model = randomModel({ nFfn: 128 });
    const p = profileActivations(model, 'Rye bread needs a sourdough starter and a long, cool proof. '.repeat(3));
    model.dispose();
    const frequency = p.layers.map((l) => l.frequency);
    const total = 2 * 128 * 2 * 64; // layers × neurons × (up + down) × 64 B vectors
    let last = -1;
    for (const share of [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1]) {
      const r = simulateNeuronCache(p.trace, {
        budgetBytes: share * total,
        frequency,
        vectorBytes: 64,
        clusterSize: 8,
      });
      expect(r.totalBytes).toBe(total);
      expect(r.hitRate).toBeGreaterThanOrEqual(last - 1e-12);
      expect(r.hotHitRate).toBe(1); // default 'fit': the hot set is sized to the hot region and preloaded
      last = r.hitRate;
    }
    expect(last).toBe(1);
  });
});
