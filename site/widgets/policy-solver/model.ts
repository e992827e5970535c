// The policy solver's view model: turns the widget's values into an `offload.solve` request (lib/offload), and the
// answer into bytes per tier (weights, KV cache, activations) for the stacked bars, the five per-layer decode
// costs with the slowest marked, and sentences. Everything is modelled (FlexGen's cost model and LP).
import { tokensPerSecond } from '../schedule-animator/rate.ts';
import { COMPRESSED_RATIO, TERMS, type MemoryRow, type Term } from '../../../lib/offload/cost-model.ts';
import { GiB } from '../../../lib/hardware/offload-machine.ts';
import type { SolveAnswer, SolveRequest } from '../../../lib/offload/solve-request.ts';
import { kvCacheBytes, OPT_SHAPES, weightBytes, type OptName } from '../../../lib/offload/shapes.ts';
import { bytes, duration, percent, plural } from '../_kit/format.ts';

export interface PolicyValues {
  model: OptName;
  gpu: number;
  cpu: number;
  disk: number;
  pcie: number;
  diskRead: number;
  compress: boolean;
  delegate: boolean;
}

export function requestOf(v: PolicyValues): SolveRequest {
  return {
    model: v.model,
    preset: 't4Fitted',
    gpuGB: v.gpu,
    cpuGB: v.cpu,
    diskGB: v.disk,
    pcieGBs: v.pcie,
    diskGBs: v.diskRead,
    compress: v.compress,
    cpuDelegation: v.compress ? false : v.delegate,
    s: 512,
    n: 32,
  };
}

export const TIERS = ['GPU', 'CPU', 'disk'] as const;
export const KINDS = ['weights', 'KV cache', 'activations'] as const;
export interface Bar {
  tier: (typeof TIERS)[number];
  kind: (typeof KINDS)[number];
  bytes: number;
}

/** Bytes of weights, peak KV cache and prefill activations on each tier under the answer's placement. */
export function bars(v: PolicyValues, a: SolveAnswer): Bar[] {
  if (a.status !== 'optimal') return [];
  const m = OPT_SHAPES[v.model];
  const p = a.policy.placement;
  const f = v.compress ? COMPRESSED_RATIO : 1;
  const totals = {
    weights: weightBytes(m) * f,
    'KV cache': kvCacheBytes(m, a.policy.bls, 512, 32) * f,
    activations: 2 * 512 * m.h1 * a.policy.bls,
  };
  const share = { weights: [p.wg, p.wc, p.wd], 'KV cache': [p.cg, p.cc, p.cd], activations: [p.hg, p.hc, p.hd] };
  return TIERS.flatMap((tier, i) => KINDS.map((kind) => ({ tier, kind, bytes: totals[kind] * share[kind][i] })));
}

export const ROW_NAMES: Record<MemoryRow, string> = {
  gpuPrefill: 'GPU (prefill)',
  gpuDecode: 'GPU (decode)',
  cpuPrefill: 'CPU (prefill)',
  cpuDecode: 'CPU (decode)',
  disk: 'disk',
};

export const TERM_NAMES: Record<Term, string> = {
  ctog: 'CPU → GPU',
  gtoc: 'GPU → CPU',
  dtoc: 'disk → CPU',
  ctod: 'CPU → disk',
  comp: 'compute',
};

export function terms(a: SolveAnswer): { term: Term; name: string; ms: number; binding: boolean }[] {
  if (a.status !== 'optimal') return [];
  return TERMS.map((t) => ({
    term: t,
    name: TERM_NAMES[t],
    ms: a.policy.decode[t] * 1000,
    binding: a.policy.decode.binding === t,
  }));
}

export function summaryText(v: PolicyValues, a: SolveAnswer): string {
  const name = OPT_SHAPES[v.model].name;
  if (a.status === 'infeasible') return `${name} cannot run on this machine: ${a.reason}.`;
  const p = a.policy;
  const w = `weights ${percent(p.placement.wg, 0)} GPU, ${percent(p.placement.wc, 0)} CPU, ${percent(p.placement.wd, 0)} disk`;
  const c = `cache ${percent(p.placement.cg, 0)} GPU, ${percent(p.placement.cc, 0)} CPU, ${percent(p.placement.cd, 0)} disk`;
  // Rows the placement fills to capacity (≥ 99.9%): the limits that bind, so more of that memory would help.
  const full = p.fullTiers.length
    ? ` Memory filled to capacity, so the limit that binds: ${p.fullTiers.map((t) => ROW_NAMES[t]).join(', ')}.`
    : '';
  return `${name}: best policy GPU batch ${p.gbs} × ${plural(p.nb, 'batch', 'batches')} = ${plural(p.bls, 'sequence', 'sequences')} per block; ${w}; ${c}. ${tokensPerSecond(p.throughput)}, ${duration(p.blockSeconds * 1000)} per block. Slowest part of a decode step: ${TERM_NAMES[p.decode.binding]} (${duration(p.decode.max * 1000)} per layer).${full}`;
}

export const gb = (b: number) => bytes(b);
export const GB = GiB;
