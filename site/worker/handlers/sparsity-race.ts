// `sparsity.race`: dense FFN vs sparse FFN for one token of one layer of a shipped model, timed in the worker with
// the kernels of lib/sparsity/race.ts: the lean engine's plain-JS and WebAssembly SIMD kernels (its neuron-aware
// sparseFfn), and TensorFlow.js (matMul vs gather of the active neurons, on the worker's backend). Used by FfnRace.
import { simdSupported } from '../../../lib/engine/kernels.ts';
import { raceSparseFfn, type FfnRaceResult } from '../../../lib/sparsity/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel, type ModelName } from '../models.ts';
import type { Registered } from './index.ts';

export interface RacePayload {
  model: ModelName;
  layer: number;
  /** Share of neurons skipped, in [0, 0.99]; omitted: compute exactly the neurons that really fire. */
  sparsity?: number;
  repeats?: number;
}

export interface RaceAll {
  js: FfnRaceResult;
  /** null where this browser has no WebAssembly SIMD. */
  simd: FfnRaceResult | null;
  tfjs: FfnRaceResult;
}

export const sparsityRace = defineHandler(async (p: RacePayload, ctx): Promise<RaceAll> => {
  const model = await getModel(p.model, ctx);
  const L = model.config.nLayer;
  if (!(Number.isInteger(p.layer) && p.layer >= 0 && p.layer < L))
    throw new Error(`Layer ${p.layer} does not exist; ${model.name} has layers 0 to ${L - 1}.`);
  const sparsity = p.sparsity === undefined ? undefined : Math.min(0.99, Math.max(0, p.sparsity));
  const repeats = Math.max(1, Math.min(25, Math.floor(p.repeats ?? 7)));
  await ctx.checkpoint(); // Cancel (FfnRace) stops the race here or between its kernels
  ctx.progress(ctx.text.timingPlainJs, 0);
  const js = raceSparseFfn(model, p.layer, { kernel: 'js', sparsity, repeats });
  let simd: FfnRaceResult | null = null;
  if (simdSupported()) {
    await ctx.checkpoint();
    ctx.progress(ctx.text.timingSimd, 1 / 3);
    simd = raceSparseFfn(model, p.layer, { kernel: 'simd', sparsity, repeats });
  }
  await ctx.checkpoint();
  ctx.progress(ctx.text.timingTfjs, 2 / 3);
  const tfjs = raceSparseFfn(model, p.layer, { kernel: 'tfjs', sparsity, repeats });
  return { js, simd, tfjs };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'sparsity.race': sparsityRace };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
