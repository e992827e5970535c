// ModelPlayground as plain data (no DOM): what the sentences about a run and a step are computed from. The
// sentences themselves, in both editions, are text.ts's; they are used at build time for the static first view and
// in the browser, so both say the same thing.
import type { GeneratedToken } from '../../../lib/generate.ts';

/** One generated token as the worker sends it: lib's GeneratedToken. */
export type StepToken = GeneratedToken;

/** Where the chosen token stands among the model's top 5 at its step: 0 is the most likely, −1 outside them. */
export const topRank = (t: StepToken) => t.alternatives.findIndex((a) => a.id === t.id);
