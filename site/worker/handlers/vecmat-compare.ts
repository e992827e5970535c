// `vecmat.compare`: y = xW computed densely and by gathering only the rows of W with x_i ≠ 0, timed on the
// worker's backend (lib/vecmat-tf.ts compareDenseVsGather). Used by the VecMatScale widget.
import { compareDenseVsGather, type CompareResult } from '../../../lib/vecmat-tf.ts';
import { defineHandler } from '../protocol.ts';
import type { Registered } from './index.ts';

export interface VecmatComparePayload {
  n: number;
  m: number;
  zeroFraction: number;
  seed?: number;
  repeats?: number;
}

/** Largest n·m accepted (4096 × 4096 floats = 64 MiB of weights). */
export const MAX_WEIGHTS = 4096 * 4096;

export const vecmatCompare = defineHandler(async (p: VecmatComparePayload, ctx): Promise<CompareResult> => {
  if (!(p.n * p.m <= MAX_WEIGHTS)) throw new Error(`W would have ${p.n}×${p.m} weights; the limit is 4096×4096.`);
  const repeats = p.repeats ?? 5;
  ctx.progress(ctx.text.buildingMatrix(p.n, p.m), 0);
  return compareDenseVsGather({
    ...p,
    repeats,
    onProgress: (done, total) => ctx.progress(ctx.text.timedRun(done, total), done / total),
  });
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'vecmat.compare': vecmatCompare };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
