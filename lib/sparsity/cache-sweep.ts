// The segmented neuron cache (neuron-cache.ts) at a row of memory budgets, for one activation profile: each budget
// is a share of all FFN weight bytes at the chosen vector size. Activity is measured; bytes per vector and the flash
// timings of each miss come from the papers' figures (lib/hardware).
import { vectorBytes, type VectorSize } from '../hardware/neuron-bytes.ts';
import { simulateNeuronCache, type NeuronCacheResult } from './neuron-cache.ts';
import type { ActivationProfile } from './profile.ts';

export interface CacheSettings {
  /** Share of the memory given to the hot region (clusters of hot neurons), in [0, 1]. */
  hot: number;
  /** Store a neuron's up column and down row together and read them in one go. */
  bundle: boolean;
  /** Bytes per weight vector: our model's, or a 7B model's as PowerInfer-2 stores it. */
  neuron: VectorSize;
}

export interface CachePoint extends NeuronCacheResult {
  /** Memory for FFN neurons, a share of all FFN weight bytes in [0, 1]. */
  memory: number;
  memoryBytes: number;
  /** Flash-only ceiling on speed: 1000 / ioMsPerToken (Infinity when nothing is read). */
  ioTokensPerSecond: number;
}

/** Simulates the cache at each share in `memories` on `profile`'s trace and hot order. */
export function cacheSweep(
  profile: ActivationProfile,
  nEmbd: number,
  v: CacheSettings,
  memories: number[],
): CachePoint[] {
  const vb = vectorBytes(v.neuron, nEmbd);
  const total = profile.nLayer * profile.nFfn * 2 * vb;
  const frequency = profile.layers.map((l) => l.frequency);
  return memories.map((memory) => {
    const memoryBytes = memory * total;
    const r = simulateNeuronCache(profile.trace, {
      budgetBytes: memoryBytes,
      frequency,
      vectorBytes: vb,
      hotRegionShare: v.hot,
      bundle: v.bundle,
    });
    return { ...r, memory, memoryBytes, ioTokensPerSecond: r.ioMsPerToken > 0 ? 1000 / r.ioMsPerToken : Infinity };
  });
}
