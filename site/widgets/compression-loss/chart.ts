// compressionChart: change in loss for every (weight bits, cache bits) pair measured on our model, the chosen pair solid.
import * as Plot from '@observablehq/plot';
import { MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { label, type CompressionRow } from './model.ts';
import { text } from './text.ts';

export const LOSS_SIZE: ChartSize = { ratio: 0.45, min: 200, max: 280 };

export function compressionChart(
  rows: CompressionRow[],
  chosen: CompressionRow | undefined,
  description: string,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
) {
  const t = text[lang];
  const data = rows.map((r) => ({
    ...r,
    pair: `W${label(r.weightBits)} · KV${label(r.cacheBits)}`,
    chosen: r === chosen,
  }));
  return plotChart({
    width,
    size: LOSS_SIZE,
    document,
    label: t.chartLabel,
    description,
    marginLeft: 96,
    x: { label: t.deltaAxis, ticks: width < 420 ? 3 : 5 },
    y: { domain: data.map((d) => d.pair), label: null },
    marks: [
      Plot.barX(data, {
        x: 'delta',
        y: 'pair',
        fill: (d: { chosen: boolean }) => (d.chosen ? SERIES[0] : MUTED),
        fillOpacity: (d: { chosen: boolean }) => (d.chosen ? 1 : 0.45),
      }),
      Plot.ruleX([0]),
    ],
  });
}
