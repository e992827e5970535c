// cacheSweepChart: one measure of the segmented neuron cache (hit rate, or simulated flash time per token) against
// the memory budget, with the budget the reader chose marked by a rule. The hits come from replaying our model's
// activation trace; flash time is simulated on PowerInfer-2's UFS 4.0 figures.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface SweepPoint {
  /** Budget in percent of all FFN weight bytes. */
  budget: number;
  value: number;
}

export interface CacheSweepChartOptions extends Plot.PlotOptions {
  width?: number;
  /** The chosen budget, drawn as a vertical rule. */
  current?: number;
  /** Y axis label. */
  label?: string;
  /** d3-format string or function for y ticks. */
  format?: string | ((v: number) => string);
  /** Series colour (a theme variable). */
  color?: string;
}

export function cacheSweepChart(data: SweepPoint[], { width = 640, height, current, label = '', format, color = 'var(--chart-1)', ...options }: CacheSweepChartOptions = {}) {
  const rows = [...data].sort((a, b) => a.budget - b.budget);
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(220, Math.max(160, width * 0.36))),
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: width < 420 ? 'budget (% of FFN)' : 'memory budget (% of FFN weights)', domain: [0, 100], ticks: width < 420 ? 2 : 10 },
    y: { label, tickFormat: format, grid: false, nice: true, zero: true },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      current === undefined ? null : Plot.ruleX([current], { stroke: 'var(--accent)', strokeWidth: 2, strokeDasharray: '4 3' }),
      Plot.line(rows, { x: 'budget', y: 'value', stroke: color, strokeWidth: 2 }),
      Plot.dot(rows, { x: 'budget', y: 'value', fill: color, r: 2.5 }),
      current === undefined ? null : Plot.dot(rows.filter((d) => d.budget === current), { x: 'budget', y: 'value', r: 5, stroke: 'var(--accent)', fill: 'var(--surface)', strokeWidth: 2 }),
    ],
    ...options,
  }));
}
