// The exercises' answers for a new lesson (`npm run new-lesson` copies this file beside the lesson's number): every
// answer is computed here at build time from lib/ or the lesson's facts, never typed in, and
// tests/widgets/lessons/exercises.test.ts checks each one against an independent computation (add yours there).
import { rowsView } from '../../lib/vecmat.ts';

/** The template's W, as its VecMatViews shows it with seed 1 and w given. */
export const W = [
  [1, 0, 2, -1, 3, 1],
  [4, 1, 0, 2, -2, 5],
  [0, 3, 1, 1, 1, -1],
];
/** y = xW for x = (2, 0, 1): its first entry. */
export const firstEntry = { x: [2, 0, 1], answer: rowsView([2, 0, 1], W).y[0] };
/** The x with one non-zero entry whose y is 3 × row 3 of W. */
export const oneRow = { y: rowsView([0, 0, 3], W).y, answer: '0,0,3' };
/** Weights the rows view reads for x = (2, 0, 1): it skips the row of the zero input. */
export const weightsRead = { answer: rowsView([2, 0, 1], W).cost.actual.weightsRead };
