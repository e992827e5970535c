// timingChart: time of y = xW against the fraction of zeros in x, one line per method (TensorFlow.js dense and
// row gather; plain-JS loop over all rows and over non-zero rows only), one dot per measurement, log-scaled time.
// Colours come from the theme (var(--chart-1..4)); text uses currentColor, so dark mode works.
import * as Plot from '@observablehq/plot';

export type Method = 'dense' | 'gather' | 'loopDense' | 'loopSkip';

export interface TimingPoint {
  /** Fraction of zeros in x, in [0, 1]. */
  zeros: number;
  method: Method;
  /** Median time of the method at this fraction, milliseconds. */
  ms: number;
}

export interface TimingChartOptions extends Plot.PlotOptions {
  /** Width in CSS pixels; pass the container's width so the chart fits a phone. */
  width?: number;
}

export const METHODS: readonly Method[] = ['dense', 'gather', 'loopDense', 'loopSkip'];
export const METHOD_LABELS: Record<Method, string> = {
  dense: 'tfjs dense',
  gather: 'tfjs gather',
  loopDense: 'JS loop, all rows',
  loopSkip: 'JS loop, non-zero rows',
};
/** Times below this (timer resolution) are drawn at it, since the scale is logarithmic. */
export const FLOOR_MS = 0.01;

/** A Plot figure (legend + SVG) of median time vs zero fraction for each method. */
export function timingChart(data: TimingPoint[], { width = 640, height, ...options }: TimingChartOptions = {}) {
  const rows = [...data].sort((a, b) => a.zeros - b.zeros).map((d) => ({ ...d, ms: Math.max(FLOOR_MS, d.ms) }));
  const label = (m: Method) => METHOD_LABELS[m];
  return Plot.plot({
    width,
    height: height ?? Math.round(Math.min(340, Math.max(220, width * 0.6))),
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { domain: [0, 1], label: 'fraction of zeros in x', tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: { type: 'log', label: 'time (ms, median, log scale)', tickFormat: '~g', grid: false },
    color: { domain: METHODS, range: ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'], tickFormat: label },
    // Shape as well as colour tells the methods apart; the legend shows coloured symbols.
    symbol: { domain: METHODS, range: ['circle', 'diamond', 'square', 'triangle'], tickFormat: label, legend: true },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.line(rows, { x: 'zeros', y: 'ms', z: 'method', stroke: 'method', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'zeros', y: 'ms', fill: 'method', symbol: 'method', r: 4 }),
    ],
    ...options,
  });
}
