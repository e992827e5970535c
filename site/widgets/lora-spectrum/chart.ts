// Two charts for LoraSpectrum: the singular values of ΔW for both adapters (dots by index), and the Eq. 4 heatmap
// φ(i, j) between their input directions (rows: A's top i; columns: B's top j).
import * as Plot from '@observablehq/plot';
import { FG, GRID, SERIES, SURFACE, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { cells, type SpectrumData } from './model.ts';
import { decimal } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const SPECTRUM_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 280, legend: true };
export const HEATMAP_SIZE: ChartSize = { ratio: 0.45, min: 120, max: 240 };

/** `names`: the two adapters as the edition names them (text.adapter). */
export function singularChart(d: SpectrumData, names: [string, string], { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const pts = [
    ...d.singular.a.map((s, k) => ({ k: k + 1, s, who: names[0] })),
    ...d.singular.b.map((s, k) => ({ k: k + 1, s, who: names[1] })),
  ];
  return plotChart({
    width,
    size: SPECTRUM_SIZE,
    document,
    label: t.singularLabel(d.target),
    description: `${names[0]}: ${d.singular.a.map((s) => decimal(s, 3)).join(', ')}; ${names[1]}: ${d.singular.b.map((s) => decimal(s, 3)).join(', ')}.`,
    marginLeft: 48,
    x: { label: t.singularAxis, ticks: Math.max(d.ranks[0], d.ranks[1]), tickFormat: 'd' },
    y: { label: 'σ', grid: false, zero: true },
    color: { domain: names, range: [SERIES[0], SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.line(pts, { x: 'k', y: 's', stroke: 'who' }),
      Plot.dot(pts, { x: 'k', y: 's', fill: 'who', r: 4 }),
    ],
  });
}

export function heatmapChart(d: SpectrumData, names: [string, string], { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const cs = cells(d.similarity);
  return plotChart({
    width,
    size: HEATMAP_SIZE,
    document,
    label: t.heatmapLabel(names[0], names[1], d.target),
    description: d.similarity.map((row, i) => `i=${i + 1}: ${row.map((x) => decimal(x, 2)).join(' ')}`).join('; '),
    marginLeft: 40,
    marginBottom: 36,
    x: { label: t.jAxis(names[1]), tickFormat: 'd', type: 'band' },
    y: { label: t.iAxis(names[0]), tickFormat: 'd', type: 'band' },
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
