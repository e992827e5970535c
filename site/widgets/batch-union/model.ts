// BatchUnion as plain data (no DOM): which batch sizes the table shows and the sentences for the captions and the
// live summary. The numbers come from lib/sparsity/batch-split.ts (measured on our model).
import type { BatchRun, SplitRow } from '../../../lib/sparsity/batch-split.ts';
import { percent, times } from '../_kit/format.ts';

/** Batch sizes shown in the table (those of the run among 1, 2, 4, 8, 16, plus the largest). */
export function tableBatches(batchSizes: number[]): number[] {
  const max = Math.max(...batchSizes);
  return [...new Set([1, 2, 4, 8, 16, max].filter((b) => batchSizes.includes(b)))].sort((a, b) => a - b);
}

/** One sentence on how the union grows. */
export function unionSentence(run: Pick<BatchRun, 'batchSizes' | 'mean' | 'steps'>): string {
  const last = run.batchSizes.length - 1;
  const B = run.batchSizes[last];
  if (B === 1)
    return `Over ${run.steps} decode steps, ${percent(run.mean[0])} of a layer's neurons fire per token on average (batch of 1).`;
  return (
    `Over ${run.steps} decode steps: one sequence fires ${percent(run.mean[0])} of a layer's neurons per step on average; ` +
    `a batch of ${B} needs ${percent(run.mean[last])} (${times(run.mean[last] / Math.max(run.mean[0], 1e-9), 2)} as many).`
  );
}

/** One sentence on the hot/cold split at the smallest and largest batch. */
export function splitSentence(rows: SplitRow[], hot: number): string {
  const part = (r: SplitRow) =>
    `at B = ${r.batch}, the dense unit computes ${percent(r.dense)} of the rows (${percent(r.denseUseful)} of them needed) ` +
    `and the sparse unit ${percent(r.sparse)}, so the dense unit does ${percent(r.denseShare)} of the work`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const head = `With the hottest ${percent(hot, 0)} of each layer's neurons on the dense unit: `;
  return head + (first === last ? `${part(first)}.` : `${part(first)}; ${part(last)}.`);
}

/** The temperature as the slider's output shows it. */
export const temperatureText = (t: number) => (t === 0 ? '0 (greedy)' : String(t));
