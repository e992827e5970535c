// tradeoffChart: throughput against latency on log scales. Lines = the cost model's frontier (fp16, 4-bit);
// large symbols = the paper's measured points.
import * as Plot from '@observablehq/plot';
import { DASHES, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { duration, tick } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { SERIES_KEYS, type CurvePoint } from './model.ts';
import { text } from './text.ts';

export const CURVE_SIZE: ChartSize = { ratio: 0.6, min: 240, max: 360, legend: true };

export function tradeoffChart(
  lines: CurvePoint[],
  paper: CurvePoint[],
  description: string,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
) {
  const t = text[lang];
  const names = SERIES_KEYS.map((k) => t.series[k]);
  const named = (points: CurvePoint[]) => points.map((p) => ({ ...p, series: t.series[p.series] }));
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: t.chartLabel,
    description,
    marginLeft: 48,
    x: {
      type: 'log',
      label: t.latencyAxis,
      tickFormat: (s: number) => duration(s * 1000),
      ticks: width < 420 ? 3 : 5,
    },
    y: { type: 'log', label: 'tokens/s', ticks: 5, tickFormat: tick },
    color: { domain: names, range: [SERIES[0], SERIES[1], SERIES[0], SERIES[1]] },
    // The legend draws each series' own symbol in its colour (a colour legend would draw squares).
    symbol: { domain: names, range: ['circle', 'circle', 'diamond', 'star'], legend: true },
    marks: [
      // strokeDasharray is a constant option in Plot (a function is ignored): one line mark per frontier.
      ...SERIES_KEYS.slice(0, 2).map((key, i) =>
        Plot.line(named(lines.filter((p) => p.series === key)), {
          x: 'latency',
          y: 'throughput',
          stroke: 'series',
          strokeDasharray: DASHES[i],
          strokeWidth: 1.5,
        }),
      ),
      Plot.dot(named(lines), { x: 'latency', y: 'throughput', fill: 'series', r: 2 }),
      Plot.dot(named(paper), { x: 'latency', y: 'throughput', fill: 'series', symbol: 'series', r: 7 }),
    ],
  });
}
