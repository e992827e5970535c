// The arithmetic behind VecMatScale, as plain data (no DOM): what the dense and row-gather products of a
// length-n x with an n×m W read, before anything is timed. Used at build time for the static first view and in
// the browser as the reader changes n, m and the fraction of zeros.
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { sparsityPlan } from '../../lib/vecmat.ts';

export const MAX_DIM = 4096;
export const BYTES_PER_WEIGHT = 4;

export const VECSCALE_SPEC = {
  n: { kind: 'number', min: 1, max: MAX_DIM, integer: true },
  m: { kind: 'number', min: 1, max: MAX_DIM, integer: true },
  zeros: { kind: 'number', min: 0, max: 1 },
  seed: { kind: 'number', min: 0, max: 99999, integer: true },
  repeats: { kind: 'number', min: 1, max: 25, integer: true },
} as const satisfies StateSpec;
export type VecscaleValues = StateValues<typeof VECSCALE_SPEC>;
/** Hideable controls besides the parameters. */
export const VECSCALE_EXTRA_CONTROLS = ['sweep', 'chart'] as const;
/** Zero fractions visited by the "Sweep" button. */
export const SWEEP = [0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

export interface ScalePlan {
  n: number;
  m: number;
  zeros: number;
  /** Rows of W the gather path reads: the non-zero entries of x. */
  rowsRead: number;
  denseBytes: number;
  gatherBytes: number;
  denseMacs: number;
  gatherMacs: number;
}

export function scalePlan(n: number, m: number, zeroFraction: number): ScalePlan {
  const { zeros, nonZeros } = sparsityPlan(n, zeroFraction);
  return {
    n,
    m,
    zeros,
    rowsRead: nonZeros,
    denseBytes: n * m * BYTES_PER_WEIGHT,
    gatherBytes: nonZeros * m * BYTES_PER_WEIGHT,
    denseMacs: n * m,
    gatherMacs: nonZeros * m,
  };
}

/** 4194304 → "4 MiB", 417792 → "408 KiB", 24 → "24 B". */
export function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = b;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return `${u === 0 ? v : +v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** 1048576 → "1,048,576" */
export const grouped = (v: number) => v.toLocaleString('en-US');

export const percent = (f: number) => `${+(f * 100).toFixed(1)}%`;

/** The static explanation: what the run will compare, with the counts. */
export function planText(p: ScalePlan): { setup: string; dense: string; gather: string } {
  return {
    setup: `x has n = ${grouped(p.n)} entries, ${grouped(p.zeros)} of them zero (${percent(p.zeros / p.n)}); W is ${grouped(p.n)} × ${grouped(p.m)}, stored row by row in fp32 (${BYTES_PER_WEIGHT} bytes per weight).`,
    dense: `All rows: reads all ${grouped(p.n)} rows of W, ${grouped(p.n)} × ${grouped(p.m)} × ${BYTES_PER_WEIGHT} B = ${formatBytes(p.denseBytes)}, and does ${grouped(p.denseMacs)} multiply-adds.`,
    gather: `Non-zero rows only: reads just the ${grouped(p.rowsRead)} rows whose xᵢ ≠ 0, ${grouped(p.rowsRead)} × ${grouped(p.m)} × ${BYTES_PER_WEIGHT} B = ${formatBytes(p.gatherBytes)}, and does ${grouped(p.gatherMacs)} multiply-adds.`,
  };
}

/** Milliseconds for people: 0.0123 → "0.012 ms", 12.345 → "12.3 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return `${ms < 1 ? +ms.toPrecision(2) : ms < 100 ? +ms.toFixed(2) : Math.round(ms)} ms`;
}
