// BatchUnion as plain data (no DOM): which batch sizes the table shows (its sentences are in text.ts). The numbers
// come from lib/sparsity/batch-split.ts (measured on our model).

/** Batch sizes shown in the table (those of the run among 1, 2, 4, 8, 16, plus the largest). */
export function tableBatches(batchSizes: number[]): number[] {
  const max = Math.max(...batchSizes);
  return [...new Set([1, 2, 4, 8, 16, max].filter((b) => batchSizes.includes(b)))].sort((a, b) => a - b);
}
