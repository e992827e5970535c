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
import { percent } from '../_kit/format.ts';

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
}

/** `frequency`: per layer, per neuron activation frequency (from layer 0). */
export function curveChart(
  frequency: number[][],
  shareFor80: { layers: number[]; all: number },
  { width, document, budget, paper }: CurveOptions,
) {
  const series = [...frequency.map((_, l) => `layer ${l}`), 'all layers'];
  const points = [
    ...frequency.flatMap((f, l) => cumulativeShareCurve(f).map((p) => ({ series: `layer ${l}`, ...p }))),
    ...cumulativeShareCurve(frequency.flat()).map((p) => ({ series: 'all layers', ...p })),
  ];
  const colorOf = (s: string, i: number) => (s.startsWith('all') ? FG : SERIES[i % SERIES.length]);
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: 'Share of activations given by the hottest share of neurons, per layer',
    description: `Our model: 80% of the activations come from ${shareFor80.layers.map((s, l) => `${percent(s)} of layer ${l}`).join(', ')}; ${percent(shareFor80.all)} over all layers. ${paper.map((p) => `${p.label}: ${percent(p.x, 0)} of neurons give ${percent(p.y, 0)}`).join('; ')}.`,
    marginLeft: 44,
    marginRight: 12,
    x: { domain: [0, 1], label: 'share of neurons, hottest first', tickFormat: '.0%', ticks: width < 420 ? 4 : 5 },
    y: { domain: [0, 1], label: 'share of activations', tickFormat: '.0%', ticks: 5 },
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
            strokeWidth: s.startsWith('all') ? 2.5 : 1.75,
            strokeDasharray: DASHES[i % DASHES.length],
          },
        ),
      ),
      Plot.dot(paper, { x: 'x', y: 'y', symbol: 'diamond', r: 5, stroke: FG, fill: SURFACE, strokeWidth: 1.5 }),
      Plot.text(paper, { x: 'x', y: 'y', text: 'label', dx: 8, dy: 10, textAnchor: 'start', fill: FG }),
    ],
  });
}
