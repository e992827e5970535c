// timingChart: time of y = xW against the share of zeros in x, one line per method (TensorFlow.js dense and row
// gather; plain-JS loop over all rows and over non-zero rows only), one marker per measurement, log-scaled time.
// The time axis is widened to round powers of ten, so every point sits under a labelled tick.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, logTicks, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { duration, tick } from '../_kit/format.ts';
import { text } from './text.ts';

export type Method = 'dense' | 'gather' | 'loopDense' | 'loopSkip';

export interface TimingPoint {
  /** Share of zeros in x, in [0, 1]. */
  zeros: number;
  method: Method;
  /** Median time of the method at this share, milliseconds. */
  ms: number;
}

export const METHODS: readonly Method[] = ['dense', 'gather', 'loopDense', 'loopSkip'];
/** Times below this (timer resolution) are drawn at it, since the scale is logarithmic. */
export const FLOOR_MS = 0.01;
export const TIMING_SIZE: ChartSize = { ratio: 0.6, min: 220, max: 340, legend: true };

export function timingChart(data: TimingPoint[], { width, document }: ChartContext, lang: Lang = 'en') {
  const t = text[lang];
  const rows = [...data].sort((a, b) => a.zeros - b.zeros).map((d) => ({ ...d, ms: Math.max(FLOOR_MS, d.ms) }));
  const label = (m: Method) => t.methods[m];
  const lo = 10 ** Math.floor(Math.log10(Math.min(...rows.map((d) => d.ms))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...rows.map((d) => d.ms)) * 1.05));
  const byZeros = [...new Set(rows.map((d) => d.zeros))];
  return plotChart({
    width,
    size: TIMING_SIZE,
    document,
    label: t.chartLabel,
    description: byZeros
      .map((z) =>
        t.chartPoint(
          z,
          rows
            .filter((d) => d.zeros === z)
            .map((d) => `${label(d.method)} ${duration(d.ms)}`)
            .join(lang === 'zh' ? '，' : ', '),
        ),
      )
      .join(lang === 'zh' ? '；' : '; '),
    marginLeft: 48,
    marginRight: 12,
    x: { domain: [0, 1], label: t.xLabel, tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: {
      type: 'log',
      domain: [lo, hi],
      label: t.yLabel,
      ticks: logTicks(lo, hi),
      tickFormat: tick,
    },
    color: { domain: METHODS, range: [...SERIES], tickFormat: label },
    // Shape as well as colour tells the methods apart; the legend shows coloured symbols.
    symbol: { domain: METHODS, range: ['circle', 'diamond', 'square', 'triangle'], tickFormat: label, legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.line(rows, { x: 'zeros', y: 'ms', z: 'method', stroke: 'method', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'zeros', y: 'ms', fill: 'method', symbol: 'method', r: 4 }),
    ],
  });
}
