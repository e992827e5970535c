// benchChart: /bench/'s decoding speeds with the KV cache, one bar per (model, where it ran), the recorded figures
// beside the reader's. Row labels get the room they need (up to 45% of the width; longer ones end in "…", and the
// bar's title holds the whole label); the axis title sits centred below the tick labels, not on them.
import * as Plot from '@observablehq/plot';
import { SERIES, plotChart, type ChartContext, type ChartSize } from '../widgets/_kit/chart.ts';
import { tick } from '../widgets/_kit/format.ts';

export interface BenchPoint {
  who: string;
  model: string;
  tokensPerSec: number;
}

export const BENCH_SIZE: ChartSize = { ratio: 0.5, min: 220, max: 360, legend: true };

/** Is this character set full-width (CJK ideographs and punctuation, full-width forms)? */
const wide = (c: string) => /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(c);

/** Width of a label in the chart's 12 px system font, generously (wide glyphs), in CSS pixels. */
export const labelWidth = (text: string) => [...text].reduce((w, c) => w + (wide(c) ? 12 : 7), 0);

export const rowLabel = (p: BenchPoint) => `${p.model} · ${p.who}`;

/** The chart's words in the page's edition (site/i18n/pages.ts, bench.chart). */
export interface BenchWords {
  label: string;
  x: string;
}

export function benchChart(points: BenchPoint[], { width, document }: ChartContext, words: BenchWords) {
  const labels = points.map(rowLabel);
  const room = Math.floor(width * 0.45);
  const marginLeft = Math.min(room, 12 + Math.max(0, ...labels.map(labelWidth)));
  const fit = (s: string) => {
    if (labelWidth(s) <= marginLeft - 12) return s;
    let cut = [...s];
    while (cut.length > 1 && labelWidth(`${cut.join('')}…`) > marginLeft - 12) cut = cut.slice(0, -1);
    return `${cut.join('')}…`;
  };
  return plotChart({
    width,
    size: BENCH_SIZE,
    document,
    label: words.label,
    description: points.map((p) => `${p.who}, ${p.model}: ${Math.round(p.tokensPerSec)}`).join('; '),
    marginLeft,
    marginBottom: 44,
    x: { label: words.x, labelAnchor: 'center', labelOffset: 38, grid: true, tickFormat: tick },
    y: { label: null, tickFormat: fit },
    color: { legend: true, range: [...SERIES] },
    marks: [
      Plot.barX(points, { x: 'tokensPerSec', y: rowLabel, fill: 'model', title: (p: BenchPoint) => rowLabel(p) }),
      Plot.ruleX([0]),
    ],
  });
}
