// BatchUnion's two charts. unionChart: share of a layer's FFN neurons active for at least one sequence of a batch,
// against the batch size B, one thin line per layer (from layer 0) and a thick one for the mean. splitChart: for each
// B, the rows a dense unit (NPU) and a sparse unit (CPU) compute per step when the hottest share of neurons goes to
// the dense unit: dense rows some sequence needed, dense rows nobody needed, and the cold rows the sparse unit
// computes. Both measured on our model (lib/sparsity/batch-split.ts).
import * as Plot from '@observablehq/plot';
import type { BatchRun, SplitRow } from '../../../lib/sparsity/batch-split.ts';
import type { Lang } from '../../i18n/lang.ts';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const UNION_SIZE: ChartSize = { ratio: 0.55, min: 210, max: 320, legend: true };
export const SPLIT_SIZE: ChartSize = { ratio: 0.45, min: 190, max: 280, legend: true };

export function unionChart(run: BatchRun, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const data = run.batchSizes.flatMap((batch, bi) => [
    ...run.union[bi].map((union, l) => ({ batch, series: t.layer(l), union })),
    { batch, series: t.mean, union: run.mean[bi] },
  ]);
  const layers = run.union[0].map((_, l) => t.layer(l));
  const maxB = Math.max(1, ...run.batchSizes);
  return plotChart({
    width,
    size: UNION_SIZE,
    document,
    label: t.unionLabel,
    description: t.unionSentence(run),
    marginLeft: 44,
    x: {
      label: t.batchAxis,
      domain: [1, Math.max(2, maxB)],
      ticks: Math.min(maxB, width < 420 ? 4 : 8),
      tickFormat: 'd',
    },
    y: { label: t.unionAxis, domain: [0, 1], tickFormat: '.0%' },
    color: {
      domain: [...layers, t.mean],
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
        strokeWidth: (d: { series: string }) => (d.series === t.mean ? 3 : 1.5),
      }),
      Plot.dot(
        data.filter((d) => d.series === t.mean),
        { x: 'batch', y: 'union', fill: 'currentColor', r: 3 },
      ),
    ],
  });
}

export function splitChart(rows: SplitRow[], hot: number, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const parts = t.splitParts;
  const data = rows.flatMap((r) => [
    { batch: r.batch, part: parts[0], rows: r.denseNeeded },
    { batch: r.batch, part: parts[1], rows: r.dense - r.denseNeeded },
    { batch: r.batch, part: parts[2], rows: r.sparse },
  ]);
  const batches = rows.map((r) => r.batch);
  return plotChart({
    width,
    size: SPLIT_SIZE,
    document,
    label: t.splitLabel,
    description: t.splitSentence(rows, hot),
    marginLeft: 44,
    x: {
      label: t.batchAxis,
      domain: batches,
      tickFormat: (b: number) => (width >= 420 || batches.length <= 8 || b === 1 || b % 4 === 0 ? String(b) : ''),
    },
    y: { label: t.rowsAxis, tickFormat: '.0%' },
    color: { domain: parts, range: [SERIES[0], GRID, SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.barY(data, {
        x: 'batch',
        y: 'rows',
        fill: 'part',
        order: [...parts],
        stroke: 'currentColor',
        strokeWidth: 0.5,
        strokeOpacity: 0.5,
      }),
      Plot.ruleY([0]),
    ],
  });
}
