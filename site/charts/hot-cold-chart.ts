// hotColdChart: PowerInfer's power-law view of FFN neurons. For each layer, sort the neurons hottest first and plot
// the share of all activations given by the first x% of them; a vertical rule marks the fast-memory budget and a
// labelled point marks a paper's figure (e.g. OPT-30B: 26% of neurons give 80% of activations) beside our curves.
// Theme colours only; layers differ by colour and dash pattern, so they read without colour too.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface CurvePoint {
  /** Series name, e.g. "layer 0" or "all layers". */
  series: string;
  /** Share of neurons, hottest first, in [0, 1]. */
  x: number;
  /** Share of activations they give, in [0, 1]. */
  y: number;
}

export interface PaperPoint {
  x: number;
  y: number;
  label: string;
}

export interface HotColdChartOptions extends Plot.PlotOptions {
  width?: number;
  /** Budget share of neurons, drawn as a vertical rule. */
  budget?: number;
  paper?: PaperPoint[];
}

const COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'];
const DASHES = ['none', '6 3', '2 3', '8 3 2 3'];

export function hotColdChart(data: CurvePoint[], { width = 640, height, budget, paper = [], ...options }: HotColdChartOptions = {}) {
  const series = [...new Set(data.map((d) => d.series))];
  // Layers take the four series colours in turn; an "all …" series is drawn in the text colour, thicker.
  const layers = series.filter((s) => !s.startsWith('all'));
  const colorOf = (s: string) => (s.startsWith('all') ? 'var(--fg)' : COLORS[layers.indexOf(s) % COLORS.length]);
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(340, Math.max(230, width * 0.6))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { domain: [0, 1], label: 'share of neurons, hottest first', tickFormat: '.0%', ticks: width < 420 ? 4 : 5 },
    y: { domain: [0, 1], label: 'share of activations', tickFormat: '.0%', ticks: 5 },
    color: { domain: series, range: series.map(colorOf), legend: true },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1, ticks: 5 }),
      Plot.ruleY([0.8], { stroke: 'var(--muted)', strokeDasharray: '2 3' }),
      ...(budget !== undefined ? [Plot.ruleX([budget], { stroke: 'var(--fg)', strokeWidth: 1.5 })] : []),
      ...series.map((s, i) =>
        Plot.line(data.filter((d) => d.series === s), { x: 'x', y: 'y', stroke: () => s, strokeWidth: s.startsWith('all') ? 2.5 : 1.75, strokeDasharray: DASHES[i % DASHES.length] }),
      ),
      Plot.dot(paper, { x: 'x', y: 'y', symbol: 'diamond', r: 5, stroke: 'var(--fg)', fill: 'var(--surface)', strokeWidth: 1.5 }),
      Plot.text(paper, { x: 'x', y: 'y', text: 'label', dx: 8, dy: 10, textAnchor: 'start', fill: 'var(--fg)' }),
    ],
    ...options,
  }));
}
