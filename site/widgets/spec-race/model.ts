// Plain data for SpecRace: the sentences and stats of a race result.
import type { ResultOf } from '../../worker/client.ts';
import { count, decimal, duration, perSecond, times } from '../_kit/format.ts';

/** A race as the worker answers it (site/worker/handlers/spec-race.ts). */
export type RaceView = ResultOf<'spec.race'>;

export function raceSummary(r: RaceView, tokens: number): string {
  const speedup = r.plain.ms / r.speculative.ms;
  return `Decoding ${count(tokens)} tokens greedily on ${r.backend}: plain ${perSecond(r.plain.tokensPerSecond)} (${duration(r.plain.ms)}), speculative with ${r.shape} ${perSecond(r.speculative.tokensPerSecond)} (${duration(r.speculative.ms)}, ${count(r.speculative.passes)} target passes, ${decimal(r.speculative.tokensPerPass)} tokens per pass, draft ${duration(r.speculative.draftMs)} in all): ${times(speedup)} ${speedup >= 1 ? 'faster' : 'as fast'}. The two texts are ${r.identical ? 'identical' : 'different (a near-tie between two tokens broken differently by float rounding)'}.`;
}

/** The tree text the worker gets: trimmed; the worker's parser explains anything it cannot read. */
export const cleanShape = (s: string) => s.trim() || 'chain 4';
