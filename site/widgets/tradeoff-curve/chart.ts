// tradeoffChart: throughput against latency on log scales. Lines = the cost model's frontier (fp16, 4-bit);
// large symbols = the paper's measured points.
import * as Plot from '@observablehq/plot';
import { DASHES, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { duration, tick } from '../_kit/format.ts';
import { SERIES_NAMES, type CurvePoint } from './model.ts';

export const CURVE_SIZE: ChartSize = { ratio: 0.6, min: 240, max: 360, legend: true };

export function tradeoffChart(
  lines: CurvePoint[],
  paper: CurvePoint[],
  description: string,
  { width, document }: ChartContext,
) {
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: 'Throughput against latency',
    description,
    marginLeft: 48,
    x: {
      type: 'log',
      label: 'latency per block (s)',
      tickFormat: (s: number) => duration(s * 1000),
      ticks: width < 420 ? 3 : 5,
    },
    y: { type: 'log', label: 'tokens/s', ticks: 5, tickFormat: tick },
    color: { domain: [...SERIES_NAMES], range: [SERIES[0], SERIES[1], SERIES[0], SERIES[1]] },
    // The legend draws each series' own symbol in its colour (a colour legend would draw squares).
    symbol: { domain: [...SERIES_NAMES], range: ['circle', 'circle', 'diamond', 'star'], legend: true },
    marks: [
      // strokeDasharray is a constant option in Plot (a function is ignored): one line mark per frontier.
      ...SERIES_NAMES.slice(0, 2).map((name, i) =>
        Plot.line(
          lines.filter((p) => p.series === name),
          { x: 'latency', y: 'throughput', stroke: 'series', strokeDasharray: DASHES[i], strokeWidth: 1.5 },
        ),
      ),
      Plot.dot(lines, { x: 'latency', y: 'throughput', fill: 'series', r: 2 }),
      Plot.dot(paper, { x: 'latency', y: 'throughput', fill: 'series', symbol: 'series', r: 7 }),
    ],
  });
}
