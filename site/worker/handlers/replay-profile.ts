// Not a handler: the activation profile that batch.measure, cache.simulate and pipeline.schedule share. Profiling our
// model over the lesson's held-out text takes a moment, so each worker does it once per (model, text) and keeps it.
import { profileActivations, type ActivationProfile } from '../../../lib/sparsity/profile.ts';
import { REPLAY_CHARS, REPLAY_MODEL, REPLAY_TOKENS } from '../../../lib/sparsity/replay-text.ts';
import type { LanguageModel } from '../../../lib/model.ts';
import { getModel, type ModelName } from '../models.ts';
import type { HandlerContext } from '../protocol.ts';

export interface ReplayPayload {
  /** Default target-v1. */
  model?: ModelName;
  /** The held-out text to profile (the page passes the same text the build profiled). */
  text: string;
}

const profiles = new Map<string, ActivationProfile>();

/** The model and its activation profile over `p.text` (first REPLAY_TOKENS tokens). */
export async function replayProfile(
  p: ReplayPayload,
  ctx: HandlerContext,
): Promise<{ model: LanguageModel; profile: ActivationProfile; text: string }> {
  const name = p.model ?? REPLAY_MODEL;
  const text = String(p.text ?? '').slice(0, REPLAY_CHARS);
  if (text.trim() === '') throw new Error('No text to profile: the page passed an empty text.');
  const model = await getModel(name, ctx);
  const key = `${name}\u0000${text}`;
  let profile = profiles.get(key);
  if (!profile) {
    ctx.progress(ctx.text.profilingReplay(name, REPLAY_TOKENS));
    profile = profileActivations(model, text, { maxTokens: REPLAY_TOKENS });
    if (profiles.size >= 2) profiles.delete(profiles.keys().next().value!);
    profiles.set(key, profile);
  }
  return { model, profile, text };
}
