// zeroChart: for each token of a prompt (from 0), the share of one FFN layer's neurons whose ReLU output is exactly
// zero, as a line with a dot per token and the selected token ringed.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { zeroStats } from './model.ts';
import { text } from './text.ts';

export const ZERO_SIZE: ChartSize = { ratio: 0.35, min: 150, max: 220 };

export function zeroChart(
  zeroFraction: ArrayLike<number>,
  layer: number,
  selected: number,
  { width, document }: ChartContext,
  lang: Lang = 'en',
) {
  const t = text[lang];
  const data = Array.from(zeroFraction, (zeros, token) => ({ token, zeros }));
  const lo = Math.min(...data.map((d) => d.zeros));
  const sel = data.filter((d) => d.token === selected);
  return plotChart({
    width,
    size: ZERO_SIZE,
    document,
    label: t.chartLabel(layer),
    description: t.layer(layer, data.length, zeroStats(zeroFraction)),
    marginLeft: 44,
    marginRight: 12,
    x: {
      label: t.xLabel,
      domain: [0, Math.max(1, data.length - 1)],
      ticks: Math.min(data.length, width < 420 ? 4 : 8),
      tickFormat: 'd',
    },
    y: {
      label: t.yLabel,
      domain: [Math.max(0, Math.floor(lo * 10) / 10 - 0.05), 1],
      tickFormat: '.0%',
      ticks: 4,
    },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 4 }),
      Plot.line(data, { x: 'token', y: 'zeros', stroke: SERIES[0], strokeWidth: 1.5 }),
      Plot.dot(data, { x: 'token', y: 'zeros', fill: SERIES[0], r: 2 }),
      Plot.dot(sel, { x: 'token', y: 'zeros', stroke: SERIES[1], strokeWidth: 2, r: 6 }),
    ],
  });
}
