// The arithmetic behind NeuronCacheSim, as plain data: replay our model's real activation trace through
// lib/sparsity's segmented neuron cache (simulateNeuronCache) at a memory budget, and price each miss on the UFS 4.0
// read curve (flash.ts). Activity is measured; bytes per neuron and flash timings come from PowerInfer-2's figures.
// Used at build time (site/data/measured-phone.ts) and in the worker (phone-cache.ts).
import type { ActivationProfile } from '../../lib/sparsity/profile.ts';
import { simulateNeuronCache, type NeuronCacheResult } from '../../lib/sparsity/neuron-cache.ts';
import { blockRound, readBandwidth, UFS_4_0 } from '../../lib/sparsity/flash.ts';
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { fmtBytes, fmtTime, pct } from './phone-common.ts';

export const NEURON_SIZES = ['ours', 'int4', 'fp16'] as const;
export type NeuronSize = (typeof NEURON_SIZES)[number];

export const CACHE_SPEC = {
  /** Memory for FFN neurons, in percent of all FFN weights. */
  budget: { kind: 'number', min: 0, max: 100, integer: true },
  /** Share of that memory given to the hot region (clusters of hot neurons). */
  hot: { kind: 'number', min: 0, max: 1 },
  /** Store a neuron's up column and down row together and read them in one go. */
  bundle: { kind: 'bool' },
  /** Bytes per weight vector: our model's, or a 7B model's as PowerInfer-2 stores it. */
  neuron: { kind: 'enum', values: NEURON_SIZES },
} as const satisfies StateSpec;
export type CacheValues = StateValues<typeof CACHE_SPEC>;
export const CACHE_DEFAULTS: CacheValues = { budget: 50, hot: 0.5, bundle: true, neuron: 'int4' };
export const CACHE_EXTRA_CONTROLS = ['chart', 'ufs'] as const;
/** Budgets the sweep (and the slider's steps) visit, in percent. */
export const BUDGET_STEP = 5;
export const BUDGET_GRID = Array.from({ length: 100 / BUDGET_STEP + 1 }, (_, k) => k * BUDGET_STEP);

/** Bytes of one weight vector (one W_up column or one W_down row). */
export function vectorBytes(neuron: NeuronSize, nEmbd: number): number {
  // ours: nEmbd fp32 weights. int4: 2 KB of weights + 0.5 KB of fp16 scales per matrix; fp16: 8 KB per vector
  // (a 4096-wide 7B model) [PowerInfer-2, arXiv 2406.06282 v3, §4.4].
  return neuron === 'ours' ? nEmbd * 4 : neuron === 'int4' ? 2560 : 8192;
}

export function neuronLabel(neuron: NeuronSize, nEmbd: number): string {
  const b = vectorBytes(neuron, nEmbd);
  if (neuron === 'ours') return `ours: ${b} B per vector (${nEmbd} × fp32)`;
  if (neuron === 'int4') return '7B, INT4: 2.5 KB per vector';
  return '7B, FP16: 8 KB per vector';
}

export interface CachePoint extends NeuronCacheResult {
  /** Budget, percent of all FFN weight bytes. */
  budget: number;
  budgetBytes: number;
  /** Flash-only ceiling on speed: 1000 / ioMsPerToken (Infinity when nothing is read). */
  ioTokensPerSecond: number;
}

/** Simulates the cache at each budget in `budgets` (percent), on `profile`'s trace and hot order. */
export function cacheRun(profile: ActivationProfile, nEmbd: number, v: Omit<CacheValues, 'budget'>, budgets: number[]): CachePoint[] {
  const vb = vectorBytes(v.neuron, nEmbd);
  const total = profile.nLayer * profile.nFfn * 2 * vb;
  const frequency = profile.layers.map((l) => l.frequency);
  return budgets.map((budget) => {
    const budgetBytes = (budget / 100) * total;
    const r = simulateNeuronCache(profile.trace, { budgetBytes, frequency, vectorBytes: vb, hotRegionShare: v.hot, bundle: v.bundle });
    return { ...r, budget, budgetBytes, ioTokensPerSecond: r.ioMsPerToken > 0 ? 1000 / r.ioMsPerToken : Infinity };
  });
}

/** What one cold miss reads: the request, what whole 4 KB blocks make of it, and the bandwidth the curve gives it. */
export function coldRead(v: Pick<CacheValues, 'bundle' | 'neuron'>, nEmbd: number) {
  const vb = vectorBytes(v.neuron, nEmbd);
  const request = v.bundle ? 2 * vb : vb;
  return { request, reads: v.bundle ? 1 : 2, fetched: blockRound(request), bandwidth: readBandwidth(request, 'random') };
}

export interface UfsPoint {
  bytes: number;
  pattern: 'random' | 'sequential';
  /** Bytes per second. */
  bandwidth: number;
  /** True at the sizes the paper states; the points between are our log-linear interpolation. */
  cited: boolean;
}

/** UFS 4.0 read bandwidth at 4 KB, 8 KB, … 512 KB, as flash.ts prices reads. */
export function ufsCurve(): UfsPoint[] {
  const out: UfsPoint[] = [];
  for (const pattern of ['random', 'sequential'] as const) {
    const cited = new Set(UFS_4_0[pattern].map(([s]) => s));
    for (let s = 4096; s <= 512 * 1024; s *= 2) out.push({ bytes: s, pattern, bandwidth: readBandwidth(s, pattern), cited: cited.has(s) });
  }
  return out;
}

/** The numbers the widget shows for one budget, already formatted (static view and live view share them). */
export function cacheFigures(pt: CachePoint): Record<'hit' | 'hotHit' | 'coldHit' | 'misses' | 'reads' | 'bytes' | 'io' | 'ceiling', string> {
  return {
    hit: pct(pt.hitRate),
    hotHit: pct(pt.hotHitRate),
    coldHit: pct(pt.coldHitRate),
    misses: pt.missesPerToken.toFixed(1),
    reads: pt.readsPerToken.toFixed(1),
    bytes: fmtBytes(pt.bytesReadPerToken),
    io: fmtTime(pt.ioMsPerToken),
    ceiling: Number.isFinite(pt.ioTokensPerSecond) ? `${Math.round(pt.ioTokensPerSecond).toLocaleString('en-US')} tokens/s` : 'no reads',
  };
}

/** One sentence for the live summary and the caption. */
export function cacheSentence(pt: CachePoint, v: CacheValues): string {
  const f = cacheFigures(pt);
  return (
    `With ${pt.budget}% of the FFN's weights in memory (${pct(v.hot, 0)} of it for hot clusters, ${v.bundle ? 'bundled' : 'unbundled'} reads): ` +
    `${f.hit} of needed neurons are already in memory (hot region ${f.hotHit}, cold region ${f.coldHit}); ` +
    `each token misses ${f.misses} neurons, issues ${f.reads} flash reads and fetches ${f.bytes}, ` +
    `about ${f.io} of flash time on a UFS 4.0 phone (simulated).`
  );
}
