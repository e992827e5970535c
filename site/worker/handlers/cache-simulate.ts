// `cache.simulate`: replay our model's activation trace through PowerInfer-2's segmented neuron cache at each share of
// `memories` (of all FFN weight bytes). Used by the NeuronCacheSim widget; see lib/sparsity/cache-sweep.ts.
import { cacheSweep, type CachePoint, type CacheSettings } from '../../../lib/sparsity/cache-sweep.ts';
import { defineHandler } from '../protocol.ts';
import { replayProfile, type ReplayPayload } from './replay-profile.ts';
import type { Registered } from './index.ts';

export interface CacheSimulatePayload extends ReplayPayload, CacheSettings {
  /** Shares of all FFN weight bytes, each in [0, 1]. */
  memories: number[];
}

export interface CacheSimulateResult {
  points: CachePoint[];
  tokens: number;
  nLayer: number;
  nFfn: number;
  nEmbd: number;
}

export const cacheSimulate = defineHandler(async (p: CacheSimulatePayload, ctx): Promise<CacheSimulateResult> => {
  const { model, profile } = await replayProfile(p, ctx);
  const memories = (p.memories ?? []).filter((m) => Number.isFinite(m) && m >= 0 && m <= 1).slice(0, 64);
  ctx.progress(ctx.text.replayingCache(profile.tokens, memories.length));
  const points = cacheSweep(profile, model.config.nEmbd, p, memories);
  return { points, tokens: profile.tokens, nLayer: profile.nLayer, nFfn: profile.nFfn, nEmbd: model.config.nEmbd };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'cache.simulate': cacheSimulate };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
