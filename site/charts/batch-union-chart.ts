// batchUnionChart: share of a layer's FFN neurons active for at least one sequence of a batch, against the batch
// size B, one thin line per layer and a thick one for the mean. Measured on our model (lib/sparsity/batch-union.ts).
// Colours come from the theme (var(--chart-1..4)); text uses currentColor, so dark mode works.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface UnionPoint {
  batch: number;
  /** "layer 1" … or "mean". */
  series: string;
  /** Share of neurons in the union, in [0, 1]. */
  union: number;
}

export interface BatchUnionChartOptions extends Plot.PlotOptions {
  width?: number;
}

/** A Plot figure (legend + SVG) of the union share against B. */
export function batchUnionChart(data: UnionPoint[], { width = 640, height, ...options }: BatchUnionChartOptions = {}) {
  const series = [...new Set(data.map((d) => d.series))];
  const layers = series.filter((s) => s !== 'mean');
  const maxB = Math.max(1, ...data.map((d) => d.batch));
  const palette = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(320, Math.max(210, width * 0.55))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: 'batch size B', domain: [1, Math.max(2, maxB)], ticks: Math.min(maxB, width < 420 ? 4 : 8), tickFormat: 'd' },
    y: { label: 'neurons active for ≥ 1 sequence', domain: [0, 1], tickFormat: '.0%', grid: false },
    color: {
      domain: [...layers, 'mean'],
      range: [...layers.map((_, i) => palette[i % palette.length]), 'currentColor'],
      legend: true,
    },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.line(data, { x: 'batch', y: 'union', z: 'series', stroke: 'series', strokeWidth: (d: UnionPoint) => (d.series === 'mean' ? 3 : 1.5) }),
      Plot.dot(data.filter((d) => d.series === 'mean'), { x: 'batch', y: 'union', fill: 'currentColor', r: 3 }),
    ],
    ...options,
  }));
}
