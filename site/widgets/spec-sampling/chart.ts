// Bars of the target's and the draft's probabilities for the node's likeliest tokens, with the residual after a
// rejection or the empirical frequencies of many runs as a third bar.
import * as Plot from '@observablehq/plot';
import { plotChart, SERIES, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { percent } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { Bar } from './model.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const SIZE: ChartSize = { ratio: 0.5, min: 220, max: 320, legend: true };

export function barsChart(data: Bar[], description: string, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const domain = [...new Set(data.map((d) => d.series))];
  const tokens = [...new Set(data.map((d) => d.token))];
  return plotChart({
    width,
    size: SIZE,
    document,
    label: t.chartLabel,
    description,
    color: { legend: true, domain, range: domain.map((_, i) => SERIES[i % SERIES.length]) },
    fx: { label: null, domain: tokens, tickRotate: width < 500 ? -40 : 0 },
    x: { axis: null, domain },
    y: { label: t.yAxis, tickFormat: '.0%', grid: true },
    marginBottom: width < 500 ? 60 : 40,
    marks: [
      Plot.barY(data, {
        fx: 'token',
        x: 'series',
        y: 'p',
        fill: 'series',
        title: (d: Bar) => `${d.token} ${d.series}: ${percent(d.p)}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}
