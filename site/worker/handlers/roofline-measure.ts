// `roofline.measure`: the reader's roofline. The ~2 s probe of lib/engine/roofline.ts (the SIMD matrix-vector kernel's
// FLOP rate on cache-resident weights of target-v1's shapes, and its bytes per second streaming a 96 MB matrix),
// then target-v1's decode passes on every engine, each with its arithmetic intensity and measured FLOP rate.
// target-v1 is loaded afresh (as bench.decode does) so no adapter a lesson attached changes the timing.
import { measureDecodePoints, type RooflinePoint } from '../../../lib/speculative/roofline-points.ts';
import { linearShapes, measureRoofline, type Roofline } from '../../../lib/engine/roofline.ts';
import { loadModel } from '../../../lib/load.ts';
import { type BackendInfo, defineHandler } from '../protocol.ts';
import { modelUrl } from '../models.ts';
import type { Registered } from './index.ts';

export interface RooflineResult {
  model: 'target-v1';
  /** The backend tfjs ran on in this worker. */
  backend: BackendInfo;
  roof: Roofline;
  points: RooflinePoint[];
}

export const MAX_TREE_TOKENS = 16;

export const rooflineMeasure = defineHandler(async (p: { treeTokens: number }, ctx): Promise<RooflineResult> => {
  const tree = p?.treeTokens;
  if (!(Number.isInteger(tree) && tree >= 2 && tree <= MAX_TREE_TOKENS))
    throw new Error(`roofline.measure: treeTokens must be an integer from 2 to ${MAX_TREE_TOKENS}, got ${tree}`);
  ctx.progress(ctx.text.loading('target-v1'), 0);
  const model = await loadModel(modelUrl('target-v1'), { name: 'target-v1' });
  try {
    ctx.progress(ctx.text.measuringRoofs, 0.05);
    const roof = measureRoofline(linearShapes(model.config), { budgetMs: 2000 });
    const points = measureDecodePoints(model, {
      treeTokens: tree,
      onProgress: (_, fraction) => ctx.progress(ctx.text.timingDecodePoints(fraction), 0.3 + 0.7 * fraction),
    });
    return { model: 'target-v1', backend: ctx.backend, roof, points };
  } finally {
    model.dispose();
  }
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'roofline.measure': rooflineMeasure };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
