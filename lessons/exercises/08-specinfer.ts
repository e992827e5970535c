// Lesson 8 (SpecInfer): the answers of the lesson's exercises, computed at build time from lib/speculative and the
// lesson's typed facts (facts/specinfer.ts). tests/lessons/exercises.test.ts checks each one independently.
import { expansionNodes, formatTreeShape } from '../../lib/speculative/tree-shape.ts';
import { bestGreedy, c2, c2PlainMsPerToken, m } from '../facts/specinfer.ts';

/** How many times more parameters the target has than the draft. */
export const sizeRatio = m.models.targetParameters / m.models.draftParameters;

/** Guesses a target verifies per pass for the expansion ⟨2,2,2,1⟩ (SpecInfer §3). */
export const guesses2221 = { widths: [2, 2, 2, 1], answer: expansionNodes([2, 2, 2, 1]) };

/** SpecTree widget: every expansion tree of exactly three levels (widths 1 to 12) with exactly 12 guesses. */
const NODES = 12;
const threeLevel: number[][] = [];
for (let a = 1; a <= NODES; a++)
  for (let b = 1; b <= NODES; b++)
    for (let c = 1; c <= NODES; c++) if (expansionNodes([a, b, c]) === NODES) threeLevel.push([a, b, c]);
export const twelveGuesses = {
  nodes: NODES,
  shapes: threeLevel,
  /** Every way to write them that the widget's box accepts and the check compares: "2,1,4". */
  answer: threeLevel.map((w) => w.join(',')),
  shown: threeLevel.map((w) => formatTreeShape({ kind: 'expansion', widths: w })).join(', '),
};

/** The step arithmetic on the race's chain of two guesses: speed-up = τ c1 / (c_T + d), from the measured row. */
if (!c2 || c2.tokensPerPass === undefined || c2PlainMsPerToken === undefined)
  throw new Error('speculative.json has no chain-2 plain-JS race row with processor times');
const c1 = c2PlainMsPerToken; // per generated token, the pass over the prompt left out
export const chain2Speedup = {
  tau: c2.tokensPerPass,
  c1,
  cT: c2.targetMsPerPass,
  d: c2.draftMsPerPass,
  answer: (c2.tokensPerPass * c1) / (c2.targetMsPerPass + c2.draftMsPerPass),
  measured: c2.cpuSpeedup,
};

/** The best tree's tokens per pass, and the best wall-clock speed-up of the Node race. */
export const best = {
  shape: bestGreedy.shape,
  tokensPerPass: bestGreedy.tokensPerPass,
  raceSpeedup: Math.max(...m.race.rows.map((r) => r.speedup)),
};

export { count, sig, times } from '../../site/widgets/_kit/format.ts';
