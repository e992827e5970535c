// PowerInfer-2's segmented neuron cache, simulated on a real activation trace [arXiv 2406.06282, §4.2, §4.4].
// Memory for FFN neurons is split in two regions:
//   hot region:  the hottest neurons of each layer (by profiled frequency), in clusters of `clusterSize` neighbours in
//                that order; a missing cluster is read whole (one larger read) and clusters are evicted LRU;
//   cold region: every other neuron, read one at a time on a miss and evicted LRU per neuron.
// (A fixed region for attention weights and the KV cache is outside this budget.) With `bundle`, a neuron's W_up
// column and W_down row are stored side by side and read together; without it they are two reads (PowerInfer-2
// bundles Gate/Up/Down; a ReLU FFN has no gate). Every needed neuron is a cache access: a hit if it is in memory
// when its token starts, otherwise a miss that costs a storage read (lib/hardware/storage-curve.ts, UFS 4.0 figures; simulated time).
import type { ActivationTrace } from './trace.ts';
import { activeNeurons } from './trace.ts';
import { blockRound, readMs, UFS_4_0, type StorageCurve } from '../hardware/storage-curve.ts';

/** Neurons per hot-region cluster unless the caller says otherwise (PowerInfer-2 sizes clusters per use, §3.1). */
export const HOT_CLUSTER_SIZE = 16;

export interface NeuronCacheOptions {
  /** Bytes of memory for FFN neurons (both regions). */
  budgetBytes: number;
  /** Per layer, activation frequency of each neuron (from profileActivations), which sets the hot order. */
  frequency: ArrayLike<number>[];
  /** Bytes of one weight vector (one W_up column or one W_down row): nEmbd × bytes per weight. */
  vectorBytes: number;
  /**
   * Share of each layer's neurons, hottest first, managed as hot clusters (rounded to whole clusters). Default
   * 'fit': as many whole clusters as the hot region holds, so hot clusters stay resident, as PowerInfer-2's planner
   * caps the hot set [§5]. A fixed share larger than the region makes the cluster LRU thrash.
   */
  hotNeuronShare?: number | 'fit';
  /** Share of the budget given to the hot region, at most what the hot clusters need (default 0.5). */
  hotRegionShare?: number;
  /** Neurons per hot cluster (default 16). */
  clusterSize?: number;
  /** Store up and down of a neuron together and read them as one (default true). */
  bundle?: boolean;
  /** Fill the regions with the hottest clusters and neurons before the first token, as a planner would (default true). */
  preload?: boolean;
  /** Tokens replayed before counting starts (default 0). */
  warmupTokens?: number;
  storage?: StorageCurve;
}

export interface NeuronCacheResult {
  /** Tokens counted (after warm-up). */
  tokens: number;
  /** Share of needed neurons already in memory. */
  hitRate: number;
  hotHitRate: number;
  coldHitRate: number;
  accessesPerToken: number;
  missesPerToken: number;
  /** Flash reads issued per token. */
  readsPerToken: number;
  /** Weight bytes the misses needed, and bytes actually fetched (whole 4 KB blocks), per token. */
  payloadBytesPerToken: number;
  bytesReadPerToken: number;
  /** Simulated flash time per token (reads one after another, random-read curve). */
  ioMsPerToken: number;
  /** Bytes given to the hot region (the rest of the budget holds cold neurons), and hot neurons per layer. */
  hotRegionBytes: number;
  hotNeuronsPerLayer: number;
  coldCapacityNeurons: number;
  /** Bytes of all FFN neurons of the model (what "budget ≥ everything" means). */
  totalBytes: number;
}

/** Replays `trace` through the segmented cache; see NeuronCacheOptions. */
export function simulateNeuronCache(trace: ActivationTrace, opts: NeuronCacheOptions): NeuronCacheResult {
  const { nLayer: L, nFfn: F } = trace;
  if (opts.frequency.length !== L || opts.frequency.some((f) => f.length !== F))
    throw new Error(`simulateNeuronCache: frequency must be ${L} arrays of ${F} (the trace's shape)`);
  if (!(opts.vectorBytes > 0)) throw new Error(`simulateNeuronCache: vectorBytes must be > 0, got ${opts.vectorBytes}`);
  if (!(opts.budgetBytes >= 0))
    throw new Error(`simulateNeuronCache: budgetBytes must be ≥ 0, got ${opts.budgetBytes}`);
  const storage = opts.storage ?? UFS_4_0;
  const bundle = opts.bundle ?? true;
  const clusterSize = opts.clusterSize ?? HOT_CLUSTER_SIZE;
  if (!(Number.isInteger(clusterSize) && clusterSize >= 1))
    throw new Error(`simulateNeuronCache: clusterSize must be a positive integer, got ${clusterSize}`);
  const warmup = opts.warmupTokens ?? 0;
  const neuronBytes = 2 * opts.vectorBytes;
  const hotShareOfBudget = opts.hotRegionShare ?? 0.5;
  // Hot neurons per layer, in whole clusters so every cluster is the same size.
  const share = opts.hotNeuronShare ?? 'fit';
  const hotClusters =
    share === 'fit'
      ? Math.floor((opts.budgetBytes * hotShareOfBudget) / (L * clusterSize * neuronBytes) + 1e-9)
      : Math.round((share * F) / clusterSize);
  const hotPerLayer = Math.min(Math.floor(F / clusterSize), hotClusters) * clusterSize;

  // Each layer's hot order; neuron i's rank in it. Hot clusters are rank / clusterSize for rank < hotPerLayer.
  const orders = opts.frequency.map((f) => Array.from({ length: F }, (_, i) => i).sort((a, b) => f[b] - f[a] || a - b));
  const rank = orders.map((order) => {
    const r = new Int32Array(F);
    order.forEach((i, k) => {
      r[i] = k;
    });
    return r;
  });
  const clustersPerLayer = Math.ceil(hotPerLayer / clusterSize);
  const clusterNeurons = (c: number) => Math.min(clusterSize, hotPerLayer - c * clusterSize);
  const hotRegion = Math.min(opts.budgetBytes * hotShareOfBudget, L * hotPerLayer * neuronBytes); // bytes
  const coldCap = Math.floor((opts.budgetBytes - hotRegion) / neuronBytes + 1e-9); // neurons
  const hot = new Map<number, number>(); // key l*clustersPerLayer + c -> bytes, in LRU order (oldest first)
  let hotUsed = 0;
  const cold = new Map<number, true>(); // key l*F + i, in LRU order
  const insertHot = (key: number, bytes: number) => {
    if (bytes > hotRegion) return; // larger than the whole region: read through
    while (hotUsed + bytes > hotRegion + 1e-9) {
      const [k, b] = hot.entries().next().value!;
      hot.delete(k);
      hotUsed -= b;
    }
    hot.set(key, bytes);
    hotUsed += bytes;
  };
  const insertCold = (key: number) => {
    if (coldCap <= 0) return;
    while (cold.size >= coldCap) cold.delete(cold.keys().next().value!);
    cold.set(key, true);
  };

  if (opts.preload ?? true) {
    // Hottest first until full, then inserted coldest-first so the hottest count as most recently used: a larger
    // budget then starts from a superset of a smaller one's contents (LRU's inclusion property survives preloading).
    const hotPick: [number, number][] = [];
    for (let c = 0; c < clustersPerLayer; c++)
      for (let l = 0; l < L; l++) {
        const bytes = clusterNeurons(c) * neuronBytes;
        if (hotUsed + bytes <= hotRegion + 1e-9) {
          hotPick.push([l * clustersPerLayer + c, bytes]);
          hotUsed += bytes;
        }
      }
    for (const [key, bytes] of hotPick.reverse()) hot.set(key, bytes);
    const coldPick: number[] = [];
    for (let k = hotPerLayer; k < F && coldPick.length < coldCap; k++)
      for (let l = 0; l < L && coldPick.length < coldCap; l++) coldPick.push(l * F + orders[l][k]);
    for (const key of coldPick.reverse()) cold.set(key, true);
  }

  let accesses = 0,
    hits = 0,
    hotAcc = 0,
    hotHits = 0,
    coldAcc = 0,
    coldHits = 0,
    reads = 0,
    payload = 0,
    fetched = 0,
    ioMs = 0;
  const read = (bytes: number, count: boolean) => {
    if (!count) return;
    reads++;
    payload += bytes;
    fetched += blockRound(bytes, storage);
    ioMs += readMs(bytes, 'random', storage);
  };
  for (let t = 0; t < trace.tokens; t++) {
    const count = t >= warmup;
    for (let l = 0; l < L; l++) {
      const byCluster = new Map<number, number>();
      const coldNeeded: number[] = [];
      for (const i of activeNeurons(trace, t, l)) {
        const r = rank[l][i];
        if (r < hotPerLayer) {
          const c = Math.floor(r / clusterSize);
          byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
        } else coldNeeded.push(i);
      }
      for (const [c, n] of byCluster) {
        const key = l * clustersPerLayer + c;
        const hit = hot.has(key);
        if (count) {
          accesses += n;
          hotAcc += n;
          if (hit) {
            hits += n;
            hotHits += n;
          }
        }
        if (hit) {
          const b = hot.get(key)!;
          hot.delete(key);
          hot.set(key, b);
          continue;
        }
        const nb = clusterNeurons(c) * opts.vectorBytes;
        if (bundle) read(2 * nb, count);
        else {
          read(nb, count);
          read(nb, count);
        } // up and down runs of the cluster
        insertHot(key, 2 * nb);
      }
      for (const i of coldNeeded) {
        const key = l * F + i;
        const hit = cold.has(key);
        if (count) {
          accesses++;
          coldAcc++;
          if (hit) {
            hits++;
            coldHits++;
          }
        }
        if (hit) {
          cold.delete(key);
          cold.set(key, true);
          continue;
        }
        if (bundle) read(neuronBytes, count);
        else {
          read(opts.vectorBytes, count);
          read(opts.vectorBytes, count);
        }
        insertCold(key);
      }
    }
  }
  const n = Math.max(0, trace.tokens - warmup);
  const per = (x: number) => (n ? x / n : 0);
  return {
    tokens: n,
    hitRate: accesses ? hits / accesses : 1,
    hotHitRate: hotAcc ? hotHits / hotAcc : 1,
    coldHitRate: coldAcc ? coldHits / coldAcc : 1,
    accessesPerToken: per(accesses),
    missesPerToken: per(accesses - hits),
    readsPerToken: per(reads),
    payloadBytesPerToken: per(payload),
    bytesReadPerToken: per(fetched),
    ioMsPerToken: per(ioMs),
    hotRegionBytes: hotRegion,
    hotNeuronsPerLayer: hotPerLayer,
    coldCapacityNeurons: coldCap,
    totalBytes: L * F * neuronBytes,
  };
}
