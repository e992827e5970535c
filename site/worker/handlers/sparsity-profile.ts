// `sparsity.profile`: PowerInfer's offline profiler (lib/sparsity's profileActivations) on the reader's own text:
// how often each FFN neuron fires. The HotColdCurve widget compares the hot set with the one measured on Moby Dick.
import { profileActivations } from '../../../lib/sparsity/index.ts';
import { defineHandler } from '../protocol.ts';
import { getModel, type ModelName } from '../models.ts';
import type { Registered } from './index.ts';

/** Tokens profiled at most (16 windows of a 128-token context): enough for a stable top-20% set, quick on wasm. */
export const PROFILE_MAX_TOKENS = 2048;

export interface ProfilePayload {
  model: ModelName;
  text: string;
  maxTokens?: number;
}

export interface ProfileResult {
  tokens: number;
  /** Tokens in the whole text before the cut. */
  totalTokens: number;
  /** [layer][neuron] share of tokens the neuron fired on. */
  frequency: Float32Array[];
  sparsity: number[];
  shareFor80: number[];
}

export const sparsityProfile = defineHandler(async (p: ProfilePayload, ctx): Promise<ProfileResult> => {
  const model = await getModel(p.model, ctx);
  const max = Math.max(1, Math.min(PROFILE_MAX_TOKENS, Math.floor(p.maxTokens ?? PROFILE_MAX_TOKENS)));
  const ids = model.tokenizer.encode(String(p.text ?? '').slice(0, max * 64));
  if (ids.length < 16)
    throw new Error(`That text is ${ids.length} tokens long; paste at least a few sentences (16 tokens or more).`);
  const keep = ids.slice(0, max);
  ctx.progress(ctx.text.profiling(keep.length));
  const prof = profileActivations(model, keep, { maxTokens: max });
  return {
    tokens: prof.tokens,
    totalTokens: ids.length,
    frequency: prof.layers.map((l) => l.frequency),
    sparsity: prof.layers.map((l) => l.sparsity),
    shareFor80: prof.layers.map((l) => l.shareFor80),
  };
});

/** The requests this file answers; handlers/index.ts finds them by a glob, so nothing else lists them. */
export const handlers = { 'sparsity.profile': sparsityProfile };
// Named outside the block: inside it, `handlers` would mean index.ts's own.
type Requests = typeof handlers;
declare module './index.ts' {
  interface Handlers extends Registered<Requests> {}
}
