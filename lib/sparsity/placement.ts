// Placing FFN neurons on a fast-but-small device (GPU memory) and a slow-but-big one (CPU DRAM), PowerInfer-style.
// Each side computes its own active neurons; a layer that uses both pays one sync to merge results. PowerInfer's
// solver maximises the activation frequency placed on the GPU under the memory budget, with the rule that a layer
// puts either zero neurons or at least C_l neurons on the GPU, C_l being the break-even count where
//   C_l · T_GPU + T_sync ≤ C_l · T_CPU,   T_j = neuron bytes / bandwidth_j
// (batch-1 decoding is memory-bound, so time per neuron is bytes over bandwidth). Neurons are placed in groups
// (PowerInfer uses 64) to keep the problem small. Here the grouped problem is solved exactly by dynamic programming
// over layers (within a layer the best k groups are always the k hottest), and compared with hottest-first and
// random placement. References: PowerInfer, arXiv 2312.12456 v2, §6.2–6.3 (Eqs. 1–8), §8.1 (PC-High).
//
// Modelled time, not measured: per layer, expected bytes of active neurons on each side (Σ frequency × neuronBytes)
// over that side's bandwidth; the two sides run in parallel (or in sequence with parallel: false); plus the sync.
// `neuronBytes` says what a neuron weighs (lib/hardware's neuronBytes: 'ours' for our tiny model's fp32 up column +
// down row, 'fp16' for a 7B-scale neuron), so the same frequencies can be priced at either size.
import { mulberry32 } from '../random.ts';
import { PC_HIGH, type GpuCpuMachine } from '../hardware/devices.ts';

export type PlacementMethod = 'random' | 'hottest' | 'optimal';

export interface PlacementOptions {
  /** How many neurons fit in fast memory. */
  budgetNeurons: number;
  /** Bytes per neuron, for the time model and C_l (see lib/hardware's neuronBytes). */
  neuronBytes: number;
  /** Neurons per group, formed by frequency within each layer (default 8; PowerInfer uses 64). */
  groupSize?: number;
  hardware?: GpuCpuMachine;
  /** Override C_l (neurons); default minFastNeurons(hardware, neuronBytes). */
  minFast?: number;
  /** Fast and slow sides compute at the same time (default true, PowerInfer's hybrid engine). */
  parallel?: boolean;
  /** Seed of the random placement. */
  seed?: number;
}

export interface LayerTime {
  fastMs: number;
  slowMs: number;
  syncMs: number;
  totalMs: number;
}

export interface NeuronPlacement {
  method: PlacementMethod;
  groupSize: number;
  /** C_l: a layer holds 0 or at least this many fast neurons. */
  minFast: number;
  /** Per layer, the neurons in fast memory (ascending). */
  fast: number[][];
  fastCounts: number[];
  /** Neurons used of the budget. */
  usedNeurons: number;
  /** Share of all activations (Σ frequency) that fast-resident neurons serve. */
  servedShare: number;
  /** Modelled time per token for the FFN neurons. */
  msPerToken: number;
  /** The same with every neuron in slow memory, and the ratio. */
  allSlowMsPerToken: number;
  speedup: number;
  layers: LayerTime[];
}

/** C_l: the smallest neuron count for which fast compute plus one sync beats slow compute (Infinity if never). */
export function minFastNeurons(hw: GpuCpuMachine, neuronBytes: number): number {
  const perNeuronSaving = (neuronBytes / hw.slowBandwidth - neuronBytes / hw.fastBandwidth) * 1000; // ms
  if (perNeuronSaving <= 0) return Infinity;
  return Math.max(1, Math.ceil(hw.syncMs / perNeuronSaving));
}

interface Group {
  layer: number;
  index: number;
  neurons: number[];
  value: number;
}

function makeGroups(freqs: ArrayLike<number>[], g: number): Group[][] {
  return freqs.map((f, layer) => {
    const order = Array.from({ length: f.length }, (_, i) => i).sort((a, b) => f[b] - f[a] || a - b);
    const groups: Group[] = [];
    for (let s = 0; s < order.length; s += g) {
      const neurons = order.slice(s, s + g);
      groups.push({ layer, index: groups.length, neurons, value: neurons.reduce((a, i) => a + f[i], 0) });
    }
    return groups;
  });
}

/** Places the neurons of every layer (freqs[l][i] = activation frequency of neuron i in layer l) by `method`. */
export function placeNeurons(
  freqs: ArrayLike<number>[],
  method: PlacementMethod,
  opts: PlacementOptions,
): NeuronPlacement {
  const g = opts.groupSize ?? 8;
  const hw = opts.hardware ?? PC_HIGH;
  if (!(Number.isInteger(g) && g >= 1)) throw new Error(`placeNeurons: groupSize must be a positive integer, got ${g}`);
  if (!(opts.budgetNeurons >= 0)) throw new Error(`placeNeurons: budgetNeurons must be ≥ 0, got ${opts.budgetNeurons}`);
  if (!(opts.neuronBytes > 0)) throw new Error(`placeNeurons: neuronBytes must be > 0, got ${opts.neuronBytes}`);
  const minFast = opts.minFast ?? minFastNeurons(hw, opts.neuronBytes);
  const budget = Math.floor(opts.budgetNeurons);
  const groups = makeGroups(freqs, g);
  let chosen: Group[][];
  if (method === 'optimal') {
    chosen = optimalGroups(groups, budget, minFast);
  } else if (method === 'hottest') {
    chosen = hottestGroups(groups, budget, minFast);
  } else if (method === 'random') {
    chosen = randomGroups(groups, budget, minFast, opts.seed ?? 1);
  } else {
    throw new Error(`placeNeurons: method must be random, hottest or optimal, got ${JSON.stringify(method)}`);
  }
  const fast = chosen.map((gs) => gs.flatMap((x) => x.neurons).sort((a, b) => a - b));
  return {
    method,
    groupSize: g,
    minFast,
    fast,
    ...priceFast(freqs, fast, opts.neuronBytes, hw, opts.parallel ?? true),
  };
}

/** All three methods on the same frequencies and options. */
export function comparePlacements(
  freqs: ArrayLike<number>[],
  opts: PlacementOptions,
): Record<PlacementMethod, NeuronPlacement> {
  return {
    random: placeNeurons(freqs, 'random', opts),
    hottest: placeNeurons(freqs, 'hottest', opts),
    optimal: placeNeurons(freqs, 'optimal', opts),
  };
}

/** Served share and modelled time of a given fast set (per layer neuron indices). */
export function priceFast(
  freqs: ArrayLike<number>[],
  fast: number[][],
  neuronBytes: number,
  hw: GpuCpuMachine = PC_HIGH,
  parallel = true,
) {
  let total = 0,
    served = 0,
    ms = 0,
    allSlow = 0;
  const layers: LayerTime[] = freqs.map((f, l) => {
    const isFast = new Uint8Array(f.length);
    for (const i of fast[l]) isFast[i] = 1;
    let fastAct = 0,
      slowAct = 0;
    for (let i = 0; i < f.length; i++)
      if (isFast[i]) fastAct += f[i];
      else slowAct += f[i];
    total += fastAct + slowAct;
    served += fastAct;
    const fastMs = ((fastAct * neuronBytes) / hw.fastBandwidth) * 1000;
    const slowMs = ((slowAct * neuronBytes) / hw.slowBandwidth) * 1000;
    const syncMs = fast[l].length > 0 && fast[l].length < f.length ? hw.syncMs : 0;
    const totalMs = (parallel ? Math.max(fastMs, slowMs) : fastMs + slowMs) + syncMs;
    ms += totalMs;
    allSlow += (((fastAct + slowAct) * neuronBytes) / hw.slowBandwidth) * 1000;
    return { fastMs, slowMs, syncMs, totalMs };
  });
  const fastCounts = fast.map((s) => s.length);
  return {
    fastCounts,
    usedNeurons: fastCounts.reduce((a, b) => a + b, 0),
    servedShare: total > 0 ? served / total : 0,
    msPerToken: ms,
    allSlowMsPerToken: allSlow,
    speedup: ms > 0 ? allSlow / ms : 1,
    layers,
  };
}

/**
 * Exact optimum of the grouped problem by dynamic programming over layers and neurons used. Within a layer, groups
 * are equal-sized except the last (coldest, smaller) one, so the best choice with j full groups is the j hottest,
 * with or without the last group: 2·(G+1) candidate choices per layer, each either empty or ≥ minFast neurons.
 * Returns per layer the chosen groups.
 */
function optimalGroups(groups: Group[][], budget: number, minFast: number): Group[][] {
  const options = groups.map((gs) => {
    const last = gs.length > 0 && gs[gs.length - 1].neurons.length < gs[0].neurons.length ? gs[gs.length - 1] : null;
    const full = last ? gs.slice(0, -1) : gs;
    const opts: { take: Group[]; neurons: number; value: number }[] = [];
    let neurons = 0,
      value = 0;
    for (let j = 0; j <= full.length; j++) {
      if (j > 0) {
        neurons += full[j - 1].neurons.length;
        value += full[j - 1].value;
      }
      opts.push({ take: full.slice(0, j), neurons, value });
      if (last)
        opts.push({
          take: [...full.slice(0, j), last],
          neurons: neurons + last.neurons.length,
          value: value + last.value,
        });
    }
    return opts.filter((o) => o.neurons === 0 || o.neurons >= minFast);
  });
  let dp = new Float64Array(budget + 1).fill(-Infinity); // dp[n] = best value with n neurons used so far
  dp[0] = 0;
  const choice: Int32Array[] = []; // choice[l][n] = option taken in layer l on the best path ending at n
  for (const opts of options) {
    const next = new Float64Array(budget + 1).fill(-Infinity);
    const ch = new Int32Array(budget + 1).fill(-1);
    for (let n = 0; n <= budget; n++) {
      if (dp[n] === -Infinity) continue;
      opts.forEach((o, k) => {
        const m = n + o.neurons;
        if (m <= budget && dp[n] + o.value > next[m]) {
          next[m] = dp[n] + o.value;
          ch[m] = k;
        }
      });
    }
    choice.push(ch);
    dp = next;
  }
  let best = 0;
  for (let n = 1; n <= budget; n++) if (dp[n] > dp[best]) best = n;
  const out: Group[][] = groups.map(() => []);
  for (let l = groups.length - 1, n = best; l >= 0; l--) {
    const o = options[l][choice[l][n]];
    out[l] = o.take;
    n -= o.neurons;
  }
  return out;
}

/**
 * Greedy: groups in order of mean frequency, each added if it fits. A layer's first entry must bring enough of its
 * hottest groups to reach minFast at once (the "zero or at least C_l" rule); if that block does not fit, skip it.
 */
function hottestGroups(groups: Group[][], budget: number, minFast: number): Group[][] {
  const taken = groups.map((gs) => new Uint8Array(gs.length));
  const used = groups.map(() => 0);
  let left = budget;
  const density = (x: Group) => x.value / x.neurons.length;
  const all = groups.flat().sort((a, b) => density(b) - density(a) || a.layer - b.layer || a.index - b.index);
  for (const x of all) {
    const l = x.layer,
      gs = groups[l];
    if (taken[l][x.index]) continue;
    if (used[l] === 0) {
      const block = [x];
      let n = x.neurons.length;
      for (let j = 0; j < gs.length && n < minFast; j++)
        if (j !== x.index) {
          block.push(gs[j]);
          n += gs[j].neurons.length;
        }
      if (n < minFast || n > left) continue; // layer smaller than C_l, or the entry block does not fit
      for (const b of block) taken[l][b.index] = 1;
      used[l] = n;
      left -= n;
    } else if (x.neurons.length <= left) {
      taken[l][x.index] = 1;
      used[l] += x.neurons.length;
      left -= x.neurons.length;
    }
  }
  return groups.map((gs, l) => gs.filter((_, j) => taken[l][j]));
}

/** Random: groups in a seeded random order while they fit; then layers holding fewer than minFast neurons give theirs up. */
function randomGroups(groups: Group[][], budget: number, minFast: number, seed: number): Group[][] {
  const rng = mulberry32(seed);
  const all = groups.flat();
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const chosen: Group[][] = groups.map(() => []);
  let left = budget;
  for (const x of all)
    if (x.neurons.length <= left) {
      chosen[x.layer].push(x);
      left -= x.neurons.length;
    }
  return chosen.map((gs) => (gs.reduce((n, x) => n + x.neurons.length, 0) >= minFast ? gs : []));
}
