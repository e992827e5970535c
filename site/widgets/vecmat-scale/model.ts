// The arithmetic behind VecMatScale, as plain data (no DOM): what the dense and row-gather products of a
// length-n x with an n×m W read, before anything is timed. Used at build time for the static first view and in
// the browser as the reader changes n, m and the fraction of zeros.
import { sparsityPlan } from '../../../lib/vecmat.ts';
import { bytes, count, percent, times } from '../_kit/format.ts';

export const BYTES_PER_WEIGHT = 4;
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

/** The static explanation: what the run will compare, with the counts. */
export function planText(p: ScalePlan): { setup: string; dense: string; gather: string } {
  return {
    setup: `x has n = ${count(p.n)} entries, ${count(p.zeros)} of them zero (${percent(p.zeros / p.n)}); W is ${count(p.n)} × ${count(p.m)}, stored row by row in fp32 (${BYTES_PER_WEIGHT} bytes per weight).`,
    dense: `All rows: reads all ${count(p.n)} rows of W, ${count(p.n)} × ${count(p.m)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.denseBytes)}, and does ${count(p.denseMacs)} multiply-adds.`,
    gather: `Non-zero rows only: reads just the ${count(p.rowsRead)} rows whose xᵢ ≠ 0, ${count(p.rowsRead)} × ${count(p.m)} × ${BYTES_PER_WEIGHT} B = ${bytes(p.gatherBytes)}, and does ${count(p.gatherMacs)} multiply-adds.`,
  };
}

/** "2.5× faster" / "3.1× slower" / "no faster" for a change from `before` ms to `after` ms. */
export function ratio(before: number, after: number): string {
  if (!(before > 0 && after > 0)) return 'too fast to time at this size';
  const r = before / after;
  if (Math.abs(r - 1) < 0.05) return 'no faster';
  return r > 1 ? `${times(r, 2)} faster` : `${times(1 / r, 2)} slower`;
}
