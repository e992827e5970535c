// storageChart: read throughput against read size (log-log), one line per (machine, order), with the paper's three
// throughputs as labelled horizontal rules, and optionally one read size marked by a vertical rule.
import * as Plot from '@observablehq/plot';
import { DASHES, GRID, MUTED, SERIES, logTicks, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { bytes, tick } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { PAPER_LINES, type Curve } from './model.ts';
import { text } from './text.ts';

export const STORAGE_SIZE: ChartSize = { ratio: 0.6, min: 240, max: 360, legend: true };

/** `chunkBytes` marks one read size with a vertical rule (the widget's `chunk`). */
export function storageChart(
  curves: Curve[],
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
  chunkBytes?: number,
) {
  const t = text[lang];
  const rules = PAPER_LINES.map((l) => ({ ...l, label: t.rules[l.rule] }));
  const rows = curves.flatMap((c) =>
    c.points.map((p) => ({
      ...p,
      kib: p.chunkBytes / 1024,
      gbs: p.bytesPerSecond / 1e9,
      series: t.series(c.who, p.order),
    })),
  );
  const series = [...new Set(rows.map((r) => r.series))];
  const ys = [...rows.map((r) => r.gbs), ...PAPER_LINES.map((l) => l.bytesPerSecond / 1e9)];
  return plotChart({
    width,
    size: STORAGE_SIZE,
    document,
    label: t.chartLabel,
    description: `${t.summaryText(curves)}${chunkBytes ? t.marks(bytes(chunkBytes)) : ''}`,
    marginLeft: 48,
    marginRight: width < 420 ? 10 : 110,
    x: {
      type: 'log',
      base: 2,
      label: t.sizeAxis,
      ticks: width < 420 ? 5 : 10,
      tickFormat: (d: number) => String(d),
    },
    y: {
      type: 'log',
      label: 'GB/s',
      domain: [Math.min(...ys) / 1.5, Math.max(...ys) * 1.5],
      ticks: logTicks(Math.min(...ys) / 1.5, Math.max(...ys) * 1.5, 6),
      tickFormat: tick,
    },
    color: { domain: series, range: series.map((_, i) => SERIES[i % SERIES.length]), legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      ...(chunkBytes ? [Plot.ruleX([chunkBytes / 1024], { stroke: MUTED, strokeWidth: 1.5 })] : []),
      Plot.ruleY(rules, {
        y: (l: { bytesPerSecond: number }) => l.bytesPerSecond / 1e9,
        stroke: MUTED,
        strokeDasharray: '2 3',
      }),
      ...(width < 420
        ? []
        : [
            Plot.text(rules, {
              y: (l: { bytesPerSecond: number }) => l.bytesPerSecond / 1e9,
              x: 512,
              text: 'label',
              textAnchor: 'start',
              dx: 6,
              fill: MUTED,
            }),
          ]),
      ...series.map((s, i) =>
        Plot.line(
          rows.filter((r) => r.series === s),
          { x: 'kib', y: 'gbs', stroke: 'series', strokeDasharray: DASHES[i % DASHES.length], strokeWidth: 1.5 },
        ),
      ),
      Plot.dot(rows, { x: 'kib', y: 'gbs', fill: 'series', r: 2.5 }),
    ],
  });
}
