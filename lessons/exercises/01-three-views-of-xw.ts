// Lesson 1 (three views of xW): the answers of the lesson's exercises, computed with lib/vecmat and the widgets'
// own models at build time. tests/widgets/lessons/exercises.test.ts checks each one independently.
import { rowsView } from '../../lib/vecmat.ts';
import { scalePlan } from '../../site/widgets/vecmat-scale/model.ts';

/** The lesson's W (3 × 6), as its VecMatViews shows it. */
export const W = [
  [1, 0, 2, -1, 3, 1],
  [4, 1, 0, 2, -2, 5],
  [0, 3, 1, 1, 1, -1],
];

/** y = xW for another x: the last entry of y, y_6 (the lesson counts from 1). */
export const lastEntry = { x: [3, -1, 2], j: 6, answer: rowsView([3, -1, 2], W).y[5] };

/** Bytes of fp32 W read when skipping the rows whose x_i is zero: 2048 × 8192, 75% zeros. */
export const skipBytes = {
  ...scalePlan(2048, 8192, 0.75),
  zerosShare: 0.75,
  answer: scalePlan(2048, 8192, 0.75).gatherBytes,
};

/** VecMatViews: the x with one non-zero entry that gives this y (the rows view reads one row). */
const xOneRow = [0, 2, 0];
export const oneRow = { y: rowsView(xOneRow, W).y, answer: xOneRow.join(','), x: xOneRow };

export { bytes, count } from '../../site/widgets/_kit/format.ts';
