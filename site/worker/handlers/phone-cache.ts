// `phone.cache`: replay our model's activation trace through PowerInfer-2's segmented neuron cache at each of
// `budgets` (percent of the FFN's bytes). Used by the NeuronCacheSim widget; see neuron-cache-sim-model.ts.
import { defineHandler } from '../protocol.ts';
import { phoneProfile, type PhonePayload } from './phone-profile.ts';
import { cacheRun, type CachePoint, type CacheValues } from '../../widgets/neuron-cache-sim-model.ts';

export interface PhoneCachePayload extends PhonePayload, Omit<CacheValues, 'budget'> {
  budgets: number[];
}

export interface PhoneCacheResult {
  points: CachePoint[];
  tokens: number;
  nLayer: number;
  nFfn: number;
  nEmbd: number;
}

export const phoneCache = defineHandler(async (p: PhoneCachePayload, ctx): Promise<PhoneCacheResult> => {
  const { model, profile } = await phoneProfile(p, ctx);
  const budgets = (p.budgets ?? []).filter((b) => Number.isFinite(b) && b >= 0 && b <= 100).slice(0, 64);
  ctx.progress(`Replaying ${profile.tokens.toLocaleString('en-US')} tokens through the cache at ${budgets.length} budget${budgets.length === 1 ? '' : 's'}…`);
  const points = cacheRun(profile, model.config.nEmbd, p, budgets);
  return { points, tokens: profile.tokens, nLayer: profile.nLayer, nFfn: profile.nFfn, nEmbd: model.config.nEmbd };
});
