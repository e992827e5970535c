// zeroFractionChart: for each token of a prompt, the share of one FFN layer's neurons whose ReLU output is exactly
// zero, as a line with a dot per token and the selected token ringed. Theme colours only (var(--chart-*)).
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface ZeroPoint {
  /** Token position, from 1. */
  token: number;
  /** Share of the layer's neurons that were zero, in [0, 1]. */
  zeros: number;
}

export interface ZeroFractionChartOptions extends Plot.PlotOptions {
  width?: number;
  /** Position (from 1) of the selected token, ringed. */
  selected?: number;
}

export function zeroFractionChart(data: ZeroPoint[], { width = 640, height, selected, ...options }: ZeroFractionChartOptions = {}) {
  const lo = Math.min(...data.map((d) => d.zeros));
  const sel = data.filter((d) => d.token === selected);
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(220, Math.max(150, width * 0.35))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: 'token', domain: [1, Math.max(2, data.length)], ticks: Math.min(data.length, width < 420 ? 4 : 8), tickFormat: 'd' },
    y: { label: 'zeros in this layer', domain: [Math.max(0, Math.floor(lo * 10) / 10 - 0.05), 1], tickFormat: '.0%', ticks: 4 },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1, ticks: 4 }),
      Plot.line(data, { x: 'token', y: 'zeros', stroke: 'var(--chart-1)', strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'token', y: 'zeros', fill: 'var(--chart-1)', r: 2 }),
      Plot.dot(sel, { x: 'token', y: 'zeros', stroke: 'var(--chart-2)', strokeWidth: 2, r: 6 }),
    ],
    ...options,
  }));
}
