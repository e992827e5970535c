// FlexGen's cost model: the time of one block (bls = gbs × nb sequences, prompt s, n new tokens) and the peak
// memory on GPU, CPU and disk, for a placement of weights (w), activations (h) and KV cache (c) across the
// three tiers (g, c, d). Every quantity is linear in the nine placement fractions, so it is kept as a linear
// expression: the evaluator and the linear program (policy-search.ts) read the same coefficients.
// Block time T = l·T_pre + (n−1)·l·T_gen [§4.3; App. A.3]. The per-term formulas, the peak-memory formulas and the
// way the five per-layer costs combine follow FlexGen's experimental/cost_model.py, the script whose LP the authors'
// constants were fitted with: a decode step takes the CPU→GPU time plus the largest of the other four
// (T_gen = ctog + max(gtoc, dtoc, ctod, comp)), and prefill the largest of (ctog + dtoc, gtoc + ctod, comp). The
// paper writes a plain max of the five; with constants fitted to the script's form, that would run too fast (OPT-30B
// at the paper's policy: 8.54 tokens/s against the script's 7.14 and the measured 7.32). As in the script, disk reads
// of weights in decode run at 0.95 of the disk's speed and decode's CPU→disk writes at the hidden-state write speed.
import { cpuAttnFlops, validateOffloadMachine, type OffloadMachine } from '../hardware/offload-machine.ts';
import { layerWeightBytes, type ModelShape } from './shapes.ts';

export const FRACTIONS = ['wg', 'wc', 'wd', 'cg', 'cc', 'cd', 'hg', 'hc', 'hd'] as const;
export type Fraction = (typeof FRACTIONS)[number];
export type OffloadPlacement = Record<Fraction, number>;

/** c + Σ coef[x]·x over the placement fractions. */
export interface Linear {
  c: number;
  x: Partial<Record<Fraction, number>>;
}

export interface Workload {
  /** Prompt length. */
  s: number;
  /** Tokens generated per sequence. */
  n: number;
  /** Sequences per GPU batch. */
  gbs: number;
  /** GPU batches per block (the zig-zag block holds bls = gbs × nb sequences). */
  nb: number;
}

export interface CostOptions {
  /** Store weights 4-bit (group 64, min–max): 4 bits plus an fp16 min and scale per 64 values. */
  compressWeights?: boolean;
  /** Store the KV cache the same way. */
  compressCache?: boolean;
  /** Compute attention on the CPU where the KV cache lives there, instead of moving the cache to the GPU. Default on; FlexGen turns it off with compression. */
  cpuDelegation?: boolean;
}

export const TERMS = ['ctog', 'gtoc', 'dtoc', 'ctod', 'comp'] as const;
export type Term = (typeof TERMS)[number];
export const MEMORY_ROWS = ['gpuPrefill', 'gpuDecode', 'cpuPrefill', 'cpuDecode', 'disk'] as const;
export type MemoryRow = (typeof MEMORY_ROWS)[number];

export interface CostModel {
  /** Per-layer seconds of each overlapped cost in prefill and in one decode step. */
  prefill: Record<Term, Linear>;
  decode: Record<Term, Linear>;
  /** Peak bytes on each tier, in prefill and decode (disk is the same in both). */
  memory: Record<MemoryRow, Linear>;
  /** Usable bytes per memory row. */
  capacity: Record<MemoryRow, number>;
  /**
   * Lower bounds on the per-layer step time, by name: the step takes the largest of them (and the LP asks the step
   * time to be at least each). Prefill: ctog+dtoc, gtoc+ctod, comp; decode: ctog plus each of the other four.
   */
  prefillBounds: Record<string, Linear>;
  decodeBounds: Record<string, Linear>;
  /** Multipliers from per-layer times to block time: T = l·T_pre + (n−1)·l·T_gen. */
  prefillLayers: number;
  decodeLayers: number;
  /** Sequences in a block and tokens they generate. */
  bls: number;
  tokens: number;
}

/** Bytes per fp16 value when stored 4-bit with one fp16 min and one fp16 scale per group of 64. */
export const COMPRESSED_RATIO = (4 + (2 * 16) / 64) / 16;

const lin = (c: number, x: Linear['x'] = {}): Linear => ({ c, x });
const scale = (a: Linear, k: number): Linear =>
  lin(a.c * k, Object.fromEntries(Object.entries(a.x).map(([f, v]) => [f, v! * k])));
function add(...terms: Linear[]): Linear {
  const out: Linear = lin(0);
  for (const t of terms) {
    out.c += t.c;
    for (const [f, v] of Object.entries(t.x)) out.x[f as Fraction] = (out.x[f as Fraction] ?? 0) + v!;
  }
  return out;
}
/** k times the sum of the given fractions. */
const frac = (k: number, ...fs: Fraction[]): Linear => lin(0, Object.fromEntries(fs.map((f) => [f, k])));

export function validateWorkload(m: ModelShape, w: Workload): Workload {
  for (const [k, v] of Object.entries(w))
    if (!Number.isInteger(v) || v < 1) throw new Error(`${k} must be a whole number ≥ 1, got ${v}`);
  if (w.gbs > 65536 || w.nb > 65536)
    throw new Error(`GPU batch size ${w.gbs} × ${w.nb} batches is out of range (each at most 65536)`);
  if (w.s + w.n > 1 << 20) throw new Error(`prompt ${w.s} + ${w.n} new tokens is out of range`);
  if (!(m.l >= 1 && m.h1 >= 1 && m.h2 >= 1 && m.nh >= 1))
    throw new Error(`model shape ${m.name} needs positive l, h1, h2, nh`);
  return w;
}

/** Builds the linear cost model for one model, machine, workload and set of options. */
export function costModel(m: ModelShape, hwIn: OffloadMachine, w: Workload, opts: CostOptions = {}): CostModel {
  const hw = validateOffloadMachine(hwIn);
  validateWorkload(m, w);
  const { l, h1, h2, nh } = m;
  const { s, n, gbs } = w;
  const bls = gbs * w.nb;
  const wF = opts.compressWeights ? COMPRESSED_RATIO : 1;
  const cF = opts.compressCache ? COMPRESSED_RATIO : 1;
  const delegate = opts.cpuDelegation ?? !(opts.compressWeights || opts.compressCache);
  const wi = layerWeightBytes(m) * wF; // one layer's weights, bytes
  const hidP = 2 * s * h1 * bls; // prefill activations of the block, bytes
  const hidG = 2 * h1 * bls; // one decode step's activations
  const kvAvg = 4 * bls * (s + n / 2) * h1 * cF; // one layer's cache, read per decode step on average
  const cpuFlops = cpuAttnFlops(hw, gbs, h1);

  const prefill: Record<Term, Linear> = {
    ctog: scale(add(frac(wi, 'wc', 'wd'), frac(hidP, 'hc', 'hd')), 1 / hw.cpuToGpu),
    gtoc: add(
      frac((4 * (s + 1) * h1 * bls * cF) / hw.gpuToCpuCache, 'cc', 'cd'),
      frac(hidP / hw.gpuToCpuHidden, 'hc', 'hd'),
    ),
    dtoc: scale(add(frac(wi, 'wd'), frac(hidP, 'hd')), 1 / hw.diskToCpu),
    ctod: add(frac((4 * bls * (s + 1) * h1 * cF) / hw.cpuToDiskCache, 'cd'), frac(hidP / hw.cpuToDiskHidden, 'hd')),
    comp: lin(
      (bls * (8 * s * h1 * h1 + 4 * s * h1 * h2)) / hw.gpuMatmulPrefill + (4 * bls * s * s * h1) / hw.gpuAttnPrefill,
    ),
  };
  const decode: Record<Term, Linear> = {
    // Without delegation the cache held off the GPU crosses the PCIe link every step.
    ctog: scale(
      add(frac(wi, 'wc', 'wd'), frac(hidG, 'hc', 'hd'), delegate ? lin(0) : frac(kvAvg, 'cc', 'cd')),
      1 / hw.cpuToGpu,
    ),
    gtoc: add(
      frac(hidG / hw.gpuToCpuHidden, 'hc', 'hd'),
      delegate ? lin(0) : frac((4 * bls * h1 * cF) / hw.gpuToCpuCache, 'cc', 'cd'),
    ),
    // The script reads decode's weights from disk at 0.95 of the disk's speed.
    dtoc: add(
      scale(add(frac(kvAvg, 'cd'), frac(hidG, 'hd')), 1 / hw.diskToCpu),
      frac(wi / (0.95 * hw.diskToCpu), 'wd'),
    ),
    // Decode writes one token's cache and activations per step; the script prices them at its decode write speed,
    // which equals the hidden-state write speed (2.015 GB/s for the T4), not the prefill cache write speed.
    ctod: scale(add(frac(4 * bls * h1 * cF, 'cd'), frac(hidG, 'hd')), 1 / hw.cpuToDiskHidden),
    comp: add(
      lin((bls * (8 * h1 * h1 + 4 * h1 * h2)) / hw.gpuMatmulDecode),
      delegate
        ? frac((4 * bls * (s + n / 2) * h1) / hw.gpuAttnDecode, 'cg')
        : lin((4 * bls * (s + n / 2) * h1) / hw.gpuAttnDecode),
      delegate ? frac((4 * bls * (s + n / 2) * h1) / cpuFlops, 'cc', 'cd') : lin(0),
    ),
  };

  // Peak memory = what lives on a tier for the whole block ("home") + buffers for the layer being computed.
  const kvHome = 4 * (s + n) * h1 * bls * l * cF;
  const interPrefill =
    8 * gbs * s * h1 +
    gbs * (2 * s * h1 + 2 * nh * s * s) +
    gbs * 2 * s * h1 +
    4 * gbs * s * h1 +
    2 * gbs * s * h2 +
    2 * gbs * s * h1;
  const kvWork = 2 * 2 * gbs * (s + n) * h1 * cF; // one GPU batch's cache of one layer, double-buffered
  const attnWork = gbs * (2 * h1 + 2 * (s + n) * h1 + 2 * nh * (s + n)) + gbs * (2 * (s + n) * h1 + 2 * h1);
  const interDecode = 8 * gbs * h1 + 4 * gbs * h1 + 2 * gbs * h2 + 2 * gbs * h1;
  const onGpuCache = (k: number) => (delegate ? frac(k, 'cg') : lin(k)); // without delegation all of a batch's cache passes through the GPU
  const memory: Record<MemoryRow, Linear> = {
    gpuPrefill: add(
      frac(wi * l, 'wg'),
      frac(hidP, 'hg'),
      frac(kvHome, 'cg'),
      frac(2 * wi, 'wc', 'wd'),
      frac(2 * s * h1 * gbs, 'hc', 'hd'),
      lin(interPrefill),
    ),
    gpuDecode: add(
      frac(wi * l, 'wg'),
      frac(hidG, 'hg'),
      frac(kvHome, 'cg'),
      frac(2 * wi, 'wc', 'wd'),
      frac(2 * h1 * gbs, 'hc', 'hd'),
      onGpuCache(kvWork),
      onGpuCache(attnWork),
      lin(interDecode),
    ),
    cpuPrefill: add(
      frac(wi * l, 'wc'),
      frac(hidP, 'hc'),
      frac(4 * s * h1 * bls * l * cF, 'cc'),
      frac(wi, 'wc', 'wd'),
      frac(2 * s * h1 * gbs, 'hc', 'hd'),
    ),
    cpuDecode: add(
      frac(wi * l, 'wc'),
      frac(hidG, 'hc'),
      frac(kvHome, 'cc'),
      frac(wi, 'wd'),
      frac(4 * h1 * gbs, 'hd'),
      frac(8 * (s + n) * h1 * gbs * cF, 'cd'),
      lin(2 * nh * (s + n) * gbs + 2 * h1 * gbs),
    ),
    disk: add(frac(wi * l, 'wd'), frac(2 * s * h1 * bls, 'hd'), frac(kvHome, 'cd')),
  };
  const capacity: Record<MemoryRow, number> = {
    gpuPrefill: hw.gpuMem * hw.usable,
    gpuDecode: hw.gpuMem * hw.usable,
    cpuPrefill: hw.cpuMem * hw.usable,
    cpuDecode: hw.cpuMem * hw.usable,
    disk: hw.diskMem * hw.usable,
  };
  return {
    prefill,
    decode,
    prefillBounds: stepBounds(prefill, 'prefill'),
    decodeBounds: stepBounds(decode, 'decode'),
    memory,
    capacity,
    prefillLayers: l,
    decodeLayers: (n - 1) * l,
    bls,
    tokens: bls * n,
  };
}

/**
 * How the five per-layer costs combine into a step time, as in FlexGen's cost_model.py: the step takes the largest
 * of these sums. Prefill overlaps (CPU→GPU with disk→CPU), (GPU→CPU with CPU→disk) and compute; in decode, every
 * other cost waits for the CPU→GPU copy.
 */
export function stepBounds(t: Record<Term, Linear>, phase: 'prefill' | 'decode'): Record<string, Linear> {
  return phase === 'prefill'
    ? { 'ctog+dtoc': add(t.ctog, t.dtoc), 'gtoc+ctod': add(t.gtoc, t.ctod), comp: t.comp }
    : {
        'ctog+gtoc': add(t.ctog, t.gtoc),
        'ctog+dtoc': add(t.ctog, t.dtoc),
        'ctog+ctod': add(t.ctog, t.ctod),
        'ctog+comp': add(t.ctog, t.comp),
      };
}

export function evalLinear(e: Linear, p: OffloadPlacement): number {
  let v = e.c;
  for (const [f, k] of Object.entries(e.x)) v += k! * p[f as Fraction];
  return v;
}

export interface PlacementCost {
  /** Per-layer seconds of each term; `max` is the step time (the largest of the step bounds), `binding` the slowest term. */
  prefill: Record<Term, number> & { max: number; binding: Term };
  decode: Record<Term, number> & { max: number; binding: Term };
  /** Seconds for the whole block (prefill + all decode steps of all layers). */
  blockSeconds: number;
  /** Generated tokens per second: bls·n / T. */
  throughput: number;
  memory: Record<MemoryRow, number>;
  /** True if every memory row is within its usable capacity. */
  fits: boolean;
  /** Memory rows at ≥ 99.9% of capacity. */
  fullTiers: MemoryRow[];
}

function termValues(terms: Record<Term, Linear>, bounds: Record<string, Linear>, p: OffloadPlacement) {
  const v = Object.fromEntries(TERMS.map((t) => [t, evalLinear(terms[t], p)])) as Record<Term, number>;
  const binding = TERMS.reduce((a, b) => (v[b] > v[a] ? b : a));
  const max = Math.max(...Object.values(bounds).map((b) => evalLinear(b, p)));
  return { ...v, max, binding };
}

/** Evaluates a placement under the cost model (no search). */
export function evaluatePlacement(cm: CostModel, p: OffloadPlacement): PlacementCost {
  validateOffloadPlacement(p);
  const prefill = termValues(cm.prefill, cm.prefillBounds, p);
  const decode = termValues(cm.decode, cm.decodeBounds, p);
  const blockSeconds = cm.prefillLayers * prefill.max + cm.decodeLayers * decode.max;
  const memory = Object.fromEntries(MEMORY_ROWS.map((r) => [r, evalLinear(cm.memory[r], p)])) as Record<
    MemoryRow,
    number
  >;
  const slack = 1e-9;
  const fits = MEMORY_ROWS.every((r) => memory[r] <= cm.capacity[r] * (1 + slack));
  const fullTiers = MEMORY_ROWS.filter((r) => memory[r] >= cm.capacity[r] * 0.999);
  return { prefill, decode, blockSeconds, throughput: cm.tokens / blockSeconds, memory, fits, fullTiers };
}

/** Throws unless every fraction is in [0, 1] and each triple sums to 1; returns the placement. */
export function validateOffloadPlacement(p: OffloadPlacement): OffloadPlacement {
  for (const f of FRACTIONS)
    if (!(p[f] >= -1e-9 && p[f] <= 1 + 1e-9)) throw new Error(`placement ${f} must be in [0, 1], got ${p[f]}`);
  for (const [a, b, c] of [
    ['wg', 'wc', 'wd'],
    ['cg', 'cc', 'cd'],
    ['hg', 'hc', 'hd'],
  ] as const) {
    const sum = p[a] + p[b] + p[c];
    if (Math.abs(sum - 1) > 1e-6) throw new Error(`placement ${a}+${b}+${c} must sum to 1, got ${sum}`);
  }
  return p;
}
