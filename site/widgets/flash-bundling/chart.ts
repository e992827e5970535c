// bundlingChart: reads and KiB per token for the three layouts, as two small bar groups.
import * as Plot from '@observablehq/plot';
import { SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { layoutRows, type FriendsData } from './model.ts';
import { text } from './text.ts';

export const BUNDLING_SIZE: ChartSize = { ratio: 0.4, min: 200, max: 260, legend: true };

export function bundlingChart(
  f: FriendsData,
  neuronBytes: number,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
) {
  const t = text[lang];
  const [reads, kib] = t.measures;
  const rows = layoutRows(f, neuronBytes).flatMap((r) => [
    { layout: t.layouts[r.layout], measure: reads, value: r.reads },
    { layout: t.layouts[r.layout], measure: kib, value: r.bytes / 1024 },
  ]);
  const layouts = rows.filter((r) => r.measure === reads).map((r) => r.layout);
  return plotChart({
    width,
    size: BUNDLING_SIZE,
    document,
    label: t.chartLabel,
    description: t.summary(f, neuronBytes),
    marginLeft: 44,
    fx: { label: null, domain: [reads, kib] },
    x: { axis: null, domain: layouts, padding: 0.15 },
    y: { label: t.perTokenAxis, grid: true },
    color: { domain: layouts, range: [SERIES[0], SERIES[1], SERIES[2]], legend: true },
    marks: [Plot.barY(rows, { fx: 'measure', x: 'layout', y: 'value', fill: 'layout' }), Plot.ruleY([0])],
  });
}
