// The arithmetic behind VecMatScale, as plain data (no DOM): what the dense and row-gather products of a
// length-n x with an n×m W read, before anything is timed. Used at build time for the static first view and in
// the browser as the reader changes n, m and the fraction of zeros. text.ts says it in words.
import { sparsityPlan } from '../../../lib/vecmat.ts';

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
