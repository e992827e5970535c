// Two charts for FlashWindow. windowGrid: tokens × neurons around token t (filled where a neuron fires; the last row
// is what DRAM keeps; token t's cells split into reused and to-load). windowCurve: s_agg(k) and Δ_load(k) against k.
import * as Plot from '@observablehq/plot';
import { DASHES, FG, GRID, MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { gridCells, type WindowCurveData } from './model.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const GRID_SIZE: ChartSize = { ratio: 0.45, min: 200, max: 300, legend: true };
export const CURVE_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 300, legend: true };

const KINDS = ['active', 'kept', 'reused', 'load'];

export function windowGrid(
  active: number[][],
  tokens: string[],
  nFfn: number,
  t: number,
  k: number,
  { width, document, lang = 'en' }: Context,
) {
  const words = text[lang];
  const { cells, rows, cols, view } = gridCells(active, tokens, t, k, words.keptRow);
  const label = (kind: string) => words.kinds[KINDS.indexOf(kind)];
  return plotChart({
    width,
    size: GRID_SIZE,
    document,
    label: words.gridLabel(k, t),
    description: words.sentence(view, t, k, nFfn),
    marginLeft: width < 420 ? 70 : 110,
    x: { type: 'band', domain: cols, axis: null, label: null, padding: 0 },
    y: { domain: rows, label: null, tickFormat: (d: string) => (d.length > 16 ? `${d.slice(0, 15)}…` : d) },
    color: { domain: words.kinds, range: [MUTED, SERIES[0], SERIES[2], SERIES[1]], legend: true },
    marks: [Plot.cell(cells, { x: 'neuron', y: 'row', fill: (c: { kind: string }) => label(c.kind), inset: 0 })],
  });
}

export function windowCurve(c: WindowCurveData, k: number, { width, document, lang = 'en' }: Context) {
  const words = text[lang];
  const series = words.series;
  const rows = c.k.flatMap((kk) => [
    { k: kk, share: c.sAgg[kk], series: series[0] },
    { k: kk, share: c.deltaLoad[kk], series: series[1] },
  ]);
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: words.curveLabel,
    description: words.curveSentence(c, k),
    marginLeft: 44,
    x: { label: words.kAxis, ticks: 8 },
    y: { label: words.shareAxis, tickFormat: '.0%', domain: [0, Math.max(...c.sAgg) * 1.05] },
    color: { domain: series, range: [SERIES[0], SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      Plot.ruleX([k], { stroke: FG, strokeDasharray: '2 3' }),
      ...series.map((s, i) =>
        Plot.line(
          rows.filter((r) => r.series === s),
          { x: 'k', y: 'share', stroke: 'series', strokeDasharray: DASHES[i] },
        ),
      ),
      Plot.dot(
        rows.filter((r) => r.k === k),
        { x: 'k', y: 'share', fill: 'series', r: 4 },
      ),
    ],
  });
}
