// FfnRace as plain data (no DOM): the sparsities of the sweep and the formats of a race's figures (text.ts has the
// sentences). Used at build
// time for the static first view and in the browser. The race itself is lib/sparsity/race.ts, in the worker.
import type { FfnRaceResult } from '../../../lib/sparsity/race.ts';
import { times } from '../_kit/format.ts';

/** Sparsities visited by "Sweep". */
export const RACE_SWEEP = [0, 0.5, 0.75, 0.9, 0.95, 0.99] as const;

/** One kernel's side of a race, as lib/sparsity/race.ts reports it. */
export type RaceSide = FfnRaceResult;

/** A speed-up, or a dash when there is none to show. */
export const speedup = (r: number) => (Number.isFinite(r) && r > 0 ? times(r) : '–');
/** The largest difference from dense. */
export const diff = (d: number) => (d === 0 ? '0' : d.toExponential(1));
