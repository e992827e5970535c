// Plain data for SpecRace: a race result's type and the tree text sent to the worker (the words are in text.ts).
import type { ResultOf } from '../../worker/client.ts';

/** A race as the worker answers it (site/worker/handlers/spec-race.ts). */
export type RaceView = ResultOf<'spec.race'>;

/** The tree text the worker gets: trimmed; the worker's parser explains anything it cannot read. */
export const cleanShape = (s: string) => s.trim() || 'chain 4';
