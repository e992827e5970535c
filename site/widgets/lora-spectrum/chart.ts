// Two charts for LoraSpectrum: the singular values of ΔW for both adapters (dots by index), and the Eq. 4 heatmap
// φ(i, j) between their input directions (rows: A's top i; columns: B's top j).
import * as Plot from '@observablehq/plot';
import { FG, GRID, SERIES, SURFACE, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { cells, type SpectrumData } from './model.ts';
import { decimal } from '../_kit/format.ts';

export const SPECTRUM_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 280, legend: true };
export const HEATMAP_SIZE: ChartSize = { ratio: 0.45, min: 120, max: 240 };

export function singularChart(d: SpectrumData, names: [string, string], { width, document }: ChartContext) {
  const pts = [
    ...d.singular.a.map((s, k) => ({ k: k + 1, s, who: names[0] })),
    ...d.singular.b.map((s, k) => ({ k: k + 1, s, who: names[1] })),
  ];
  return plotChart({
    width,
    size: SPECTRUM_SIZE,
    document,
    label: `Singular values of ΔW, ${d.target}`,
    description: `${names[0]}: ${d.singular.a.map((s) => decimal(s, 3)).join(', ')}; ${names[1]}: ${d.singular.b.map((s) => decimal(s, 3)).join(', ')}.`,
    marginLeft: 48,
    x: { label: 'singular value index', ticks: Math.max(d.ranks[0], d.ranks[1]), tickFormat: 'd' },
    y: { label: 'σ', grid: false, zero: true },
    color: { domain: names, range: [SERIES[0], SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.line(pts, { x: 'k', y: 's', stroke: 'who' }),
      Plot.dot(pts, { x: 'k', y: 's', fill: 'who', r: 4 }),
    ],
  });
}

export function heatmapChart(d: SpectrumData, names: [string, string], { width, document }: ChartContext) {
  const cs = cells(d.similarity);
  return plotChart({
    width,
    size: HEATMAP_SIZE,
    document,
    label: `Subspace similarity φ(i, j) between ${names[0]} and ${names[1]}, ${d.target}`,
    description: d.similarity.map((row, i) => `i=${i + 1}: ${row.map((x) => decimal(x, 2)).join(' ')}`).join('; '),
    marginLeft: 40,
    marginBottom: 36,
    x: { label: `j (top directions of ${names[1]})`, tickFormat: 'd', type: 'band' },
    y: { label: `i (${names[0]})`, tickFormat: 'd', type: 'band' },
    // Theme colours only: the cell's opacity is φ (0 = transparent, 1 = solid), its value written on it.
    marks: [
      Plot.cell(cs, { x: 'j', y: 'i', fill: SURFACE, inset: 0.5 }),
      Plot.cell(cs, {
        x: 'j',
        y: 'i',
        fill: SERIES[0],
        fillOpacity: (c: { phi: number }) => Math.max(0, Math.min(1, c.phi)),
        inset: 0.5,
      }),
      Plot.text(cs, {
        x: 'j',
        y: 'i',
        text: (c: { phi: number }) => decimal(c.phi, 2),
        fill: FG,
        stroke: SURFACE,
        strokeWidth: 3,
        paintOrder: 'stroke',
        fontSize: 10,
      }),
    ],
  });
}
