// speedupChart: measured speed-up of a sparse FFN over the dense one against the share of neurons skipped, one line
// and marker per kernel, the ideal 1 / (1 − s) as a dashed curve over the whole range, and 1× (no gain) as a rule.
// Log-scaled speed-up; the domain is widened to round powers of ten so every point sits inside a labelled tick.
import * as Plot from '@observablehq/plot';
import { GRID, MUTED, SERIES, logTicks, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { tick, times } from '../_kit/format.ts';
import { text } from './text.ts';

export const SPEEDUP_SIZE: ChartSize = { ratio: 0.55, min: 210, max: 320, legend: true };

export interface SpeedupPoint {
  sparsity: number;
  /** The kernel as the legend names it: "plain JS", "WebAssembly SIMD" or "TensorFlow.js (wasm)" (text.ts: plainJs, simd, tfOn). */
  kernel: string;
  speedup: number;
}

/** The ideal speed-up of skipping a share s of the work. */
export const ideal = (s: number) => 1 / (1 - s);

export function speedupChart(data: SpeedupPoint[], { width, document }: ChartContext, lang: Lang = 'en') {
  const t = text[lang];
  const kernels = [...new Set(data.map((d) => d.kernel))];
  const rows = data
    .filter((d) => Number.isFinite(d.speedup) && d.speedup > 0) // a timing of 0 ms has no speed-up to plot
    .sort((a, b) => a.sparsity - b.sparsity)
    .map((d) => ({ ...d, speedup: Math.max(0.05, d.speedup) }));
  const maxS = Math.max(0.5, ...rows.map((d) => d.sparsity));
  const curve = Array.from({ length: 41 }, (_, k) => (k / 40) * maxS).map((s) => ({
    sparsity: s,
    speedup: ideal(s),
    kernel: t.ideal,
  }));
  const all = [...rows, ...curve].map((d) => d.speedup);
  const lo = 10 ** Math.floor(Math.log10(Math.min(1, ...all)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(...all) * 1.05));
  const bySparsity = [...new Set(rows.map((d) => d.sparsity))];
  return plotChart({
    width,
    size: SPEEDUP_SIZE,
    document,
    label: t.chartLabel,
    description: bySparsity
      .map((s) =>
        t.chartPoint(
          s,
          rows
            .filter((d) => d.sparsity === s)
            .map((d) => `${d.kernel} ${times(d.speedup)}`)
            .join(lang === 'zh' ? '，' : ', '),
          ideal(s),
        ),
      )
      .join(lang === 'zh' ? '；' : '; '),
    marginLeft: 44,
    marginRight: 12,
    x: { domain: [0, 1], label: t.xLabel, tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: { type: 'log', domain: [lo, hi], label: t.yLabel, ticks: logTicks(lo, hi), tickFormat: tick },
    color: {
      domain: [...kernels, t.ideal],
      range: [...kernels.map((_, i) => SERIES[i % SERIES.length]), MUTED],
    },
    // The legend draws each kernel's own symbol in its colour (a colour legend would draw squares); the dashed ideal
    // curve is labelled where it ends.
    symbol: { domain: kernels, range: ['circle', 'diamond', 'square', 'triangle'], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.ruleY([1], { stroke: MUTED }),
      Plot.line(curve, { x: 'sparsity', y: 'speedup', stroke: 'kernel', strokeDasharray: '4 3', strokeWidth: 1.5 }),
      Plot.text(curve.slice(-1), {
        x: 'sparsity',
        y: 'speedup',
        text: () => t.ideal,
        textAnchor: 'end',
        dx: -6,
        dy: -8,
        fill: MUTED,
      }),
      Plot.line(rows, { x: 'sparsity', y: 'speedup', z: 'kernel', stroke: 'kernel', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'sparsity', y: 'speedup', fill: 'kernel', symbol: 'kernel', r: 4 }),
    ],
  });
}
