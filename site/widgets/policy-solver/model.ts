// The policy solver's view model: turns the widget's values into an `offload.solve` request (lib/offload), and the
// answer into bytes per tier (weights, KV cache, activations) for the stacked bars, the five per-layer decode
// costs with the slowest marked (the words are in text.ts). Everything is modelled (FlexGen's cost model and LP).
import { COMPRESSED_RATIO, TERMS, type Term } from '../../../lib/offload/cost-model.ts';
import { GiB } from '../../../lib/hardware/offload-machine.ts';
import type { SolveAnswer, SolveRequest } from '../../../lib/offload/solve-request.ts';
import { kvCacheBytes, OPT_SHAPES, weightBytes, type OptName } from '../../../lib/offload/shapes.ts';
import { bytes } from '../_kit/format.ts';

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

export function terms(a: SolveAnswer): { term: Term; ms: number; binding: boolean }[] {
  if (a.status !== 'optimal') return [];
  return TERMS.map((t) => ({
    term: t,
    ms: a.policy.decode[t] * 1000,
    binding: a.policy.decode.binding === t,
  }));
}

export const gb = (b: number) => bytes(b);
export const GB = GiB;
