// Two charts for FlashWindow. windowGrid: tokens × neurons around token t (filled where a neuron fires; the last row
// is what DRAM keeps; token t's cells split into reused and to-load). windowCurve: s_agg(k) and Δ_load(k) against k.
import * as Plot from '@observablehq/plot';
import { DASHES, FG, GRID, MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { curveSentence, gridCells, sentence, type WindowCurveData } from './model.ts';

export const GRID_SIZE: ChartSize = { ratio: 0.45, min: 200, max: 300, legend: true };
export const CURVE_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 300, legend: true };

const KINDS = ['active', 'kept', 'reused', 'load'];
const KIND_LABELS = ['fired (earlier token)', 'kept in DRAM', 'needed, already kept', 'needed, must load'];

export function windowGrid(
  active: number[][],
  tokens: string[],
  nFfn: number,
  t: number,
  k: number,
  { width, document }: ChartContext,
) {
  const { cells, rows, cols, view } = gridCells(active, tokens, t, k);
  const label = (kind: string) => KIND_LABELS[KINDS.indexOf(kind)];
  return plotChart({
    width,
    size: GRID_SIZE,
    document,
    label: `Neurons of the last ${k} tokens and of token ${t}`,
    description: sentence(view, t, k, nFfn),
    marginLeft: width < 420 ? 70 : 110,
    x: { type: 'band', domain: cols, axis: null, label: null, padding: 0 },
    y: { domain: rows, label: null, tickFormat: (d: string) => (d.length > 16 ? `${d.slice(0, 15)}…` : d) },
    color: { domain: KIND_LABELS, range: [MUTED, SERIES[0], SERIES[2], SERIES[1]], legend: true },
    marks: [Plot.cell(cells, { x: 'neuron', y: 'row', fill: (c: { kind: string }) => label(c.kind), inset: 0 })],
  });
}

export function windowCurve(c: WindowCurveData, k: number, { width, document }: ChartContext) {
  const rows = c.k.flatMap((kk) => [
    { k: kk, share: c.sAgg[kk], series: 's_agg(k): kept in DRAM' },
    { k: kk, share: c.deltaLoad[kk], series: 'Δ_load(k): loaded per token' },
  ]);
  const series = ['s_agg(k): kept in DRAM', 'Δ_load(k): loaded per token'];
  return plotChart({
    width,
    size: CURVE_SIZE,
    document,
    label: 'Share of the FFN kept and loaded against the window size k',
    description: curveSentence(c, k),
    marginLeft: 44,
    x: { label: 'window k (tokens)', ticks: 8 },
    y: { label: 'share of FFN', tickFormat: '.0%', domain: [0, Math.max(...c.sAgg) * 1.05] },
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
