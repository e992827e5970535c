// FlexGen's policy search [§4.3]: enumerate the GPU batch size gbs and the number of GPU batches nb; for each pair the
// nine placement fractions are the variables of a linear program (minimise the block time per sequence subject to
// peak memory within each tier and each triple summing to 1), solved by HiGHS (the `highs` package, a WebAssembly
// build of the HiGHS solver). The best pair by throughput is the policy; infeasible pairs are reported as such.
import loadHighs from 'highs';
import {
  costModel,
  evaluatePlacement,
  FRACTIONS,
  MEMORY_ROWS,
  type CostModel,
  type CostOptions,
  type PlacementCost,
  type Fraction,
  type Linear,
  type MemoryRow,
  type OffloadPlacement,
} from './cost-model.ts';
import { GiB, type OffloadMachine } from '../hardware/offload-machine.ts';
import type { ModelShape } from './shapes.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | null = null;

/**
 * Loads the solver once. In the browser pass the URL of our own copy of highs.wasm (public/highs/highs.wasm);
 * in Node it is found in node_modules.
 */
export function getHighs(wasmUrl?: string): Promise<Highs> {
  if (!highsPromise) {
    highsPromise = loadHighs(wasmUrl ? { locateFile: () => wasmUrl } : {}).catch((e: unknown) => {
      highsPromise = null; // a later attempt (after a reload of the file) starts afresh
      throw new Error(highsLoadMessage(e));
    });
  }
  return highsPromise;
}

/**
 * Emscripten reports a damaged or truncated highs.wasm as "Aborted(CompileError: …). Build with -sASSERTIONS for more
 * info."; say instead what failed, for a reader, keeping the browser's own reason at the end.
 */
export function highsLoadMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const reason = raw
    .replace(/^Aborted\((.*)\)\.?\s*Build with -sASSERTIONS for more info\.?$/s, '$1')
    .replace(/\s*Build with -sASSERTIONS for more info\.?/g, '')
    .trim();
  return `The LP solver (highs.wasm) could not be loaded: the file that arrived is damaged or incomplete. Reload the page to download it again. (${reason})`;
}

export type PlacementResult =
  | { status: 'optimal'; placement: OffloadPlacement; evaluation: PlacementCost }
  | { status: 'infeasible'; reason: string };

const num = (v: number) => (Number.isFinite(v) ? v.toPrecision(12) : String(v));
function terms(e: Linear, k = 1): string {
  const parts = Object.entries(e.x)
    .filter(([, v]) => v !== 0)
    .map(([f, v]) => `${v! * k >= 0 ? '+' : '-'} ${num(Math.abs(v! * k))} ${f}`);
  return parts.length ? parts.join(' ') : '+ 0 wg';
}

/** The linear program for one cost model in CPLEX LP text (times in seconds, memory in GiB). */
export function placementLP(cm: CostModel): string {
  const rows: string[] = ['wsum: wg + wc + wd = 1', 'csum: cg + cc + cd = 1', 'hsum: hg + hc + hd = 1'];
  // The step time is at least each of the cost model's bounds (names such as "ctog+dtoc" become p_ctog_dtoc).
  const row = (name: string) => name.replace(/\W/g, '_');
  for (const [name, b] of Object.entries(cm.prefillBounds))
    rows.push(`p_${row(name)}: tp ${terms(b, -1)} >= ${num(b.c)}`);
  for (const [name, b] of Object.entries(cm.decodeBounds))
    rows.push(`g_${row(name)}: tg ${terms(b, -1)} >= ${num(b.c)}`);
  for (const r of MEMORY_ROWS)
    rows.push(`m_${r}: ${terms(cm.memory[r], 1 / GiB)} <= ${num((cm.capacity[r] - cm.memory[r].c) / GiB)}`);
  const bounds = [...FRACTIONS.map((f) => `0 <= ${f} <= 1`), 'tp >= 0', 'tg >= 0'];
  return `Minimize\n obj: ${num(cm.prefillLayers / cm.bls)} tp + ${num(cm.decodeLayers / cm.bls)} tg\nSubject To\n ${rows.join('\n ')}\nBounds\n ${bounds.join('\n ')}\nEnd\n`;
}

/** Why no placement fits: a tier whose smallest possible peak is over its capacity, or all of them together. */
function infeasibleReason(cm: CostModel): string {
  const groups: Fraction[][] = [
    ['wg', 'wc', 'wd'],
    ['cg', 'cc', 'cd'],
    ['hg', 'hc', 'hd'],
  ];
  const label: Record<MemoryRow, string> = {
    gpuPrefill: 'GPU (prefill)',
    gpuDecode: 'GPU (decode)',
    cpuPrefill: 'CPU (prefill)',
    cpuDecode: 'CPU (decode)',
    disk: 'disk',
  };
  for (const r of MEMORY_ROWS) {
    const e = cm.memory[r];
    const least = e.c + groups.reduce((sum, g) => sum + Math.min(...g.map((f) => e.x[f] ?? 0)), 0);
    if (least > cm.capacity[r])
      return `${label[r]} needs at least ${(least / GiB).toFixed(1)} GB but only ${(cm.capacity[r] / GiB).toFixed(1)} GB is usable`;
  }
  return `weights, cache and activations of ${cm.bls} sequences do not fit in GPU, CPU and disk together`;
}

/** Solves the placement LP for one (gbs, nb); reports infeasible instead of a number when nothing fits. */
export function solvePlacement(highs: Highs, cm: CostModel): PlacementResult {
  const res = highs.solve(placementLP(cm), { output_flag: false });
  if (res.Status === 'Infeasible') return { status: 'infeasible', reason: infeasibleReason(cm) };
  if (res.Status !== 'Optimal') throw new Error(`placement LP ended with status ${res.Status}`);
  const raw = Object.fromEntries(
    FRACTIONS.map((f) => [f, Math.min(1, Math.max(0, res.Columns[f]?.Primal ?? 0))]),
  ) as OffloadPlacement;
  // Renormalise each triple so rounding in the solver cannot leave a sum of 0.9999999.
  for (const g of [
    ['wg', 'wc', 'wd'],
    ['cg', 'cc', 'cd'],
    ['hg', 'hc', 'hd'],
  ] as Fraction[][]) {
    const sum = g.reduce((a, f) => a + raw[f], 0);
    for (const f of g) raw[f] /= sum;
  }
  return { status: 'optimal', placement: raw, evaluation: evaluatePlacement(cm, raw) };
}

export interface SearchSettings {
  /** Prompt and generation lengths. */
  s: number;
  n: number;
  /** GPU batch sizes to try. */
  gbsList?: number[];
  /** Numbers of GPU batches to try (each gbs stops at the first nb that does not fit). */
  nbList?: number[];
  /** Largest block (gbs × nb) to try. */
  maxBlock?: number;
}

export interface Candidate {
  gbs: number;
  nb: number;
  bls: number;
  result: PlacementResult;
}

export interface SearchResult {
  best: (Candidate & { result: Extract<PlacementResult, { status: 'optimal' }> }) | null;
  candidates: Candidate[];
}

export const DEFAULT_GBS = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512];
export const DEFAULT_NB = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64];
/** The largest block (gbs × nb) the search tries unless told. */
export const DEFAULT_MAX_BLOCK = 4096;

/** Enumerates (gbs, nb), solves each placement LP, and returns the fastest feasible policy and every candidate. */
export async function searchPolicy(
  m: ModelShape,
  hw: OffloadMachine,
  set: SearchSettings,
  opts: CostOptions = {},
  highsIn?: Highs,
): Promise<SearchResult> {
  const highs = highsIn ?? (await getHighs());
  const maxBlock = set.maxBlock ?? DEFAULT_MAX_BLOCK;
  const candidates: Candidate[] = [];
  let best: SearchResult['best'] = null;
  for (const gbs of set.gbsList ?? DEFAULT_GBS) {
    for (const nb of set.nbList ?? DEFAULT_NB) {
      if (gbs * nb > maxBlock) break;
      const result = solvePlacement(highs, costModel(m, hw, { s: set.s, n: set.n, gbs, nb }, opts));
      const c: Candidate = { gbs, nb, bls: gbs * nb, result };
      candidates.push(c);
      if (result.status === 'infeasible') break; // a bigger block needs more memory still
      if (!best || result.evaluation.throughput > best.result.evaluation.throughput)
        best = c as NonNullable<SearchResult['best']>;
    }
  }
  return { best, candidates };
}
