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

/** Width of a label in the chart's 12 px system font, generously (wide glyphs), in CSS pixels. */
export const labelWidth = (text: string) => 7 * text.length;

export const rowLabel = (p: BenchPoint) => `${p.model} · ${p.who}`;

export function benchChart(points: BenchPoint[], { width, document }: ChartContext) {
  const labels = points.map(rowLabel);
  const room = Math.floor(width * 0.45);
  const marginLeft = Math.min(room, 12 + Math.max(0, ...labels.map(labelWidth)));
  const fit = (s: string) => {
    const chars = Math.floor((marginLeft - 12) / 7);
    return s.length <= chars ? s : `${s.slice(0, chars - 1)}…`;
  };
  return plotChart({
    width,
    size: BENCH_SIZE,
    document,
    label: 'Decoding speed with the KV cache, tokens per second',
    description: points.map((p) => `${p.who}, ${p.model}: ${Math.round(p.tokensPerSec)}`).join('; '),
    marginLeft,
    marginBottom: 44,
    x: { label: 'tokens per second (KV cache)', labelAnchor: 'center', labelOffset: 38, grid: true, tickFormat: tick },
    y: { label: null, tickFormat: fit },
    color: { legend: true, range: [...SERIES] },
    marks: [
      Plot.barX(points, { x: 'tokensPerSec', y: rowLabel, fill: 'model', title: (p: BenchPoint) => rowLabel(p) }),
      Plot.ruleX([0]),
    ],
  });
}
