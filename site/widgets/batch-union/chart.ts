// BatchUnion's two charts. unionChart: share of a layer's FFN neurons active for at least one sequence of a batch,
// against the batch size B, one thin line per layer (from layer 0) and a thick one for the mean. splitChart: for each
// B, the rows a dense unit (NPU) and a sparse unit (CPU) compute per step when the hottest share of neurons goes to
// the dense unit: dense rows some sequence needed, dense rows nobody needed, and the cold rows the sparse unit
// computes. Both measured on our model (lib/sparsity/batch-split.ts).
import * as Plot from '@observablehq/plot';
import type { BatchRun, SplitRow } from '../../../lib/sparsity/batch-split.ts';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { splitSentence, unionSentence } from './model.ts';

export const UNION_SIZE: ChartSize = { ratio: 0.55, min: 210, max: 320, legend: true };
export const SPLIT_SIZE: ChartSize = { ratio: 0.45, min: 190, max: 280, legend: true };

export function unionChart(run: BatchRun, { width, document }: ChartContext) {
  const data = run.batchSizes.flatMap((batch, bi) => [
    ...run.union[bi].map((union, l) => ({ batch, series: `layer ${l}`, union })),
    { batch, series: 'mean', union: run.mean[bi] },
  ]);
  const layers = run.union[0].map((_, l) => `layer ${l}`);
  const maxB = Math.max(1, ...run.batchSizes);
  return plotChart({
    width,
    size: UNION_SIZE,
    document,
    label: 'Share of FFN neurons needed per decode step against batch size, per layer and mean',
    description: unionSentence(run),
    marginLeft: 44,
    x: {
      label: 'batch size B',
      domain: [1, Math.max(2, maxB)],
      ticks: Math.min(maxB, width < 420 ? 4 : 8),
      tickFormat: 'd',
    },
    y: { label: 'neurons active for ≥ 1 sequence', domain: [0, 1], tickFormat: '.0%' },
    color: {
      domain: [...layers, 'mean'],
      range: [...layers.map((_, i) => SERIES[i % SERIES.length]), 'currentColor'],
      legend: true,
    },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.line(data, {
        x: 'batch',
        y: 'union',
        z: 'series',
        stroke: 'series',
        strokeWidth: (d: { series: string }) => (d.series === 'mean' ? 3 : 1.5),
      }),
      Plot.dot(
        data.filter((d) => d.series === 'mean'),
        { x: 'batch', y: 'union', fill: 'currentColor', r: 3 },
      ),
    ],
  });
}

export const SPLIT_PARTS = ['dense, needed', 'dense, not needed', 'sparse (cold, active)'] as const;

export function splitChart(rows: SplitRow[], hot: number, { width, document }: ChartContext) {
  const data = rows.flatMap((r) => [
    { batch: r.batch, part: SPLIT_PARTS[0], rows: r.denseNeeded },
    { batch: r.batch, part: SPLIT_PARTS[1], rows: r.dense - r.denseNeeded },
    { batch: r.batch, part: SPLIT_PARTS[2], rows: r.sparse },
  ]);
  const batches = rows.map((r) => r.batch);
  return plotChart({
    width,
    size: SPLIT_SIZE,
    document,
    label: 'Rows computed per step by the dense and the sparse unit, per batch size',
    description: splitSentence(rows, hot),
    marginLeft: 44,
    x: {
      label: 'batch size B',
      domain: batches,
      tickFormat: (b: number) => (width >= 420 || batches.length <= 8 || b === 1 || b % 4 === 0 ? String(b) : ''),
    },
    y: { label: 'rows computed per step', tickFormat: '.0%' },
    color: { domain: SPLIT_PARTS, range: [SERIES[0], GRID, SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.barY(data, {
        x: 'batch',
        y: 'rows',
        fill: 'part',
        order: [...SPLIT_PARTS],
        stroke: 'currentColor',
        strokeWidth: 0.5,
        strokeOpacity: 0.5,
      }),
      Plot.ruleY([0]),
    ],
  });
}
