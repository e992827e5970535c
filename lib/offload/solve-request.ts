// One policy question in plain data (what a widget sends to the worker), checked, and its answer in plain data:
// which OPT model, the machine (the T4 preset with any capacities and bandwidths changed), prompt and output
// lengths, compression, and optionally a fixed (gbs, nb). Used by the `offload.solve` worker handler and in Node.
import {
  costModel,
  type CostOptions,
  type PlacementCost,
  type MemoryRow,
  type OffloadPlacement,
} from './cost-model.ts';
import { GiB, HARDWARE_PRESETS, validateOffloadMachine, type OffloadMachine } from '../hardware/offload-machine.ts';
import { searchPolicy, solvePlacement, type getHighs } from './policy-search.ts';
import { OPT_SHAPES, type OptName } from './shapes.ts';

export interface SolveRequest {
  model: OptName;
  preset?: keyof typeof HARDWARE_PRESETS;
  /** Capacities in GB (2^30 bytes) and link speeds in GB/s; each replaces the preset's figure. */
  gpuGB?: number;
  cpuGB?: number;
  diskGB?: number;
  pcieGBs?: number;
  diskGBs?: number;
  s?: number;
  n?: number;
  compress?: boolean;
  cpuDelegation?: boolean;
  /** Solve only this (gbs, nb) instead of searching. */
  gbs?: number;
  nb?: number;
}

export interface PolicySummary {
  gbs: number;
  nb: number;
  bls: number;
  throughput: number;
  blockSeconds: number;
  placement: OffloadPlacement;
  decode: PlacementCost['decode'];
  prefill: PlacementCost['prefill'];
  memoryGB: Record<MemoryRow, number>;
  capacityGB: Record<MemoryRow, number>;
  fullTiers: MemoryRow[];
}

export type SolveAnswer =
  | { status: 'optimal'; policy: PolicySummary; frontier: { bls: number; latency: number; throughput: number }[] }
  | { status: 'infeasible'; reason: string };

/** The machine for a request: the preset with the request's capacities and link speeds. Throws on bad numbers. */
export function hardwareFor(r: SolveRequest): OffloadMachine {
  const base = HARDWARE_PRESETS[r.preset ?? 't4Fitted'];
  if (!base) throw new Error(`unknown hardware preset "${r.preset}"`);
  const hw: OffloadMachine = { ...base };
  if (r.gpuGB !== undefined) hw.gpuMem = r.gpuGB * GiB;
  if (r.cpuGB !== undefined) hw.cpuMem = r.cpuGB * GiB;
  if (r.diskGB !== undefined) hw.diskMem = r.diskGB * GiB;
  if (r.pcieGBs !== undefined) hw.cpuToGpu = hw.gpuToCpuCache = hw.gpuToCpuHidden = r.pcieGBs * GiB;
  if (r.diskGBs !== undefined) {
    hw.diskToCpu = r.diskGBs * GiB;
    hw.cpuToDiskCache = hw.cpuToDiskHidden = (r.diskGBs / 2) * GiB;
  }
  return validateOffloadMachine(hw);
}

/** Answers a policy question: the LP for a fixed (gbs, nb), or the search over all of them. */
export async function solveRequest(highs: Awaited<ReturnType<typeof getHighs>>, r: SolveRequest): Promise<SolveAnswer> {
  const m = OPT_SHAPES[r.model];
  if (!m) throw new Error(`unknown model "${r.model}"; choose one of ${Object.keys(OPT_SHAPES).join(', ')}`);
  const hw = hardwareFor(r);
  const s = r.s ?? 512,
    n = r.n ?? 32;
  const opts: CostOptions = {
    compressWeights: !!r.compress,
    compressCache: !!r.compress,
    cpuDelegation: r.cpuDelegation,
  };
  const toGB = (rec: Record<MemoryRow, number>) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, v / GiB])) as Record<MemoryRow, number>;
  if (r.gbs !== undefined || r.nb !== undefined) {
    const gbs = r.gbs ?? 1,
      nb = r.nb ?? 1;
    const cm = costModel(m, hw, { s, n, gbs, nb }, opts);
    const res = solvePlacement(highs, cm);
    if (res.status === 'infeasible') return res;
    const e = res.evaluation;
    return {
      status: 'optimal',
      frontier: [],
      policy: {
        gbs,
        nb,
        bls: gbs * nb,
        throughput: e.throughput,
        blockSeconds: e.blockSeconds,
        placement: res.placement,
        decode: e.decode,
        prefill: e.prefill,
        memoryGB: toGB(e.memory),
        capacityGB: toGB(cm.capacity),
        fullTiers: e.fullTiers,
      },
    };
  }
  const search = await searchPolicy(m, hw, { s, n }, opts, highs);
  if (!search.best) {
    const first = search.candidates[0]?.result;
    return { status: 'infeasible', reason: first?.status === 'infeasible' ? first.reason : 'no policy fits' };
  }
  const b = search.best;
  const e = b.result.evaluation;
  const cm = costModel(m, hw, { s, n, gbs: b.gbs, nb: b.nb }, opts);
  const pts = search.candidates
    .flatMap((c) =>
      c.result.status === 'optimal'
        ? [{ bls: c.bls, latency: c.result.evaluation.blockSeconds, throughput: c.result.evaluation.throughput }]
        : [],
    )
    .sort((a, z) => a.latency - z.latency);
  const frontier: { bls: number; latency: number; throughput: number }[] = [];
  for (const p of pts) if (p.throughput > (frontier[frontier.length - 1]?.throughput ?? 0)) frontier.push(p);
  return {
    status: 'optimal',
    frontier,
    policy: {
      gbs: b.gbs,
      nb: b.nb,
      bls: b.bls,
      throughput: e.throughput,
      blockSeconds: e.blockSeconds,
      placement: b.result.placement,
      decode: e.decode,
      prefill: e.prefill,
      memoryGB: toGB(e.memory),
      capacityGB: toGB(cm.capacity),
      fullTiers: e.fullTiers,
    },
  };
}
