// curveChart: PowerInfer's power-law view of FFN neurons. For each layer, sort the neurons hottest first and plot the
// share of all activations given by the first x of them (lib/sparsity's cumulativeShareCurve); a vertical rule marks
// the fast-memory budget and a labelled diamond marks a paper's figure (e.g. OPT-30B: 26% of neurons give 80% of
// activations) beside our curves. Layers differ by colour and dash pattern, so they read without colour too.
import * as Plot from '@observablehq/plot';
import { cumulativeShareCurve } from '../../../lib/sparsity/profile.ts';
import {
  DASHES,
  FG,
  GRID,
  MUTED,
  SERIES,
  SURFACE,
  plotChart,
  type ChartContext,
  type ChartSize,
} from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { text } from './text.ts';

export const CURVE_SIZE: ChartSize = { ratio: 0.6, min: 230, max: 340, legend: true };

export interface PaperPoint {
  x: number;
  y: number;
  label: string;
}

export interface CurveOptions extends ChartContext {
  /** Budget share of neurons, drawn as a vertical rule. */
  budget: number;
  paper: PaperPoint[];
  /** The page's edition (English unless given). */
  lang?: Lang;
}

/** `frequency`: per layer, per neuron activation frequency (from layer 0). */
export function curveChart(
  frequency: number[][],
  shareFor80: { layers: number[]; all: number },
  { width, document, budget, paper, lang = 'en' }: CurveOptions,
) {
  const t = text[lang];
  const series = [...frequency.map((_, l) => t.layer(l)), t.allLayers];
  const points = [
    ...frequency.flatMap((f, l) => cumulativeShareCurve(f).map((p) => ({ series: t.layer(l), ...p }))),
    ...cumulativeShareCurve(frequency.flat()).map((p) => ({ series: t.allLayers, ...p })),
  ];
  const colorOf = (s: string, i: number) => (s === t.allLayers ? FG : SERIES[i % SERIES.length]);
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: t.chartLabel,
    description: t.chartDescription(
      shareFor80.layers,
      shareFor80.all,
      paper.map((p) => t.paperPoint(p.label, p.x, p.y)).join(lang === 'zh' ? '；' : '; '),
    ),
    marginLeft: 44,
    marginRight: 12,
    x: { domain: [0, 1], label: t.xLabel, tickFormat: '.0%', ticks: width < 420 ? 4 : 5 },
    y: { domain: [0, 1], label: t.yLabel, tickFormat: '.0%', ticks: 5 },
    color: { domain: series, range: series.map(colorOf), legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.ruleY([0.8], { stroke: MUTED, strokeDasharray: '2 3' }),
      Plot.ruleX([budget], { stroke: FG, strokeWidth: 1.5 }),
      ...series.map((s, i) =>
        Plot.line(
          points.filter((d) => d.series === s),
          {
            x: 'x',
            y: 'y',
            stroke: () => s,
            strokeWidth: s === t.allLayers ? 2.5 : 1.75,
            strokeDasharray: DASHES[i % DASHES.length],
          },
        ),
      ),
      Plot.dot(paper, { x: 'x', y: 'y', symbol: 'diamond', r: 5, stroke: FG, fill: SURFACE, strokeWidth: 1.5 }),
      Plot.text(paper, { x: 'x', y: 'y', text: 'label', dx: 8, dy: 10, textAnchor: 'start', fill: FG }),
    ],
  });
}
