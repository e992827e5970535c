// Two charts against α: the layer's output error relative to RTN (α = 0), with the best α marked; and the weights'
// effective step ratio (Δ'/s)/Δ, the median over all weights, beside the most activated channel's.
import * as Plot from '@observablehq/plot';
import { FG, GRID, SERIES, DASHES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { percent, sig } from '../_kit/format.ts';
import { logTicks, pointAt, type Curve } from './model.ts';

export const ERROR_SIZE: ChartSize = { ratio: 0.45, min: 180, max: 260 };
export const STEPS_SIZE: ChartSize = { ratio: 0.45, min: 180, max: 260, legend: true };

export function errorChart(c: Curve, alpha: number, { width, document }: ChartContext) {
  const sel = c.points[pointAt(c, alpha)],
    best = c.points[c.best];
  return plotChart({
    width,
    size: ERROR_SIZE,
    document,
    label: `Output error of ${c.layer} against α, relative to round-to-nearest`,
    description: c.points.map((p) => `α ${sig(p.alpha, 2)}: ${percent(p.relError)}`).join('; '),
    marginLeft: 48,
    x: { domain: [0, 0.95], label: 'α', ticks: 5 },
    y: { label: 'error / RTN error', tickFormat: '.0%', ticks: 5, zero: false },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.ruleY([1], { stroke: GRID }),
      Plot.line(c.points, { x: 'alpha', y: 'relError', stroke: SERIES[0], strokeWidth: 2 }),
      Plot.dot([best], { x: 'alpha', y: 'relError', fill: SERIES[1], r: 5 }),
      Plot.text([best], { x: 'alpha', y: 'relError', text: () => 'best', dy: 12, fill: FG }),
      Plot.ruleX([sel.alpha], { stroke: FG, strokeDasharray: '2 3' }),
      Plot.dot([sel], { x: 'alpha', y: 'relError', stroke: FG, r: 7 }),
    ],
  });
}

export function stepsChart(c: Curve, alpha: number, { width, document }: ChartContext) {
  const values = c.points.flatMap((p) => [p.stepRatio, p.salientFactor]);
  const ticks = logTicks(Math.min(...values), Math.max(...values));
  const rows = c.points.flatMap((p) => [
    { alpha: p.alpha, v: p.stepRatio, what: 'all weights (median)' },
    { alpha: p.alpha, v: p.salientFactor, what: 'most activated channel' },
  ]);
  return plotChart({
    width,
    size: STEPS_SIZE,
    document,
    label: `Effective quantization step of ${c.layer}'s weights against α`,
    description: c.points
      .map(
        (p) =>
          `α ${sig(p.alpha, 2)}: effective step ratio ${sig(p.stepRatio, 3)} for the median weight (coarser for ${percent(p.grewShare)}), ${sig(p.salientFactor, 3)} for the most activated channel`,
      )
      .join('; '),
    marginLeft: 48,
    x: { domain: [0, 0.95], label: 'α', ticks: 5 },
    y: { label: "effective step (Δ'/s)/Δ", ticks, tickFormat: (v: number) => String(sig(v, 2)), type: 'log' },
    color: { domain: rows.slice(0, 2).map((r) => r.what), range: [SERIES[0], SERIES[2]], legend: true },
    marks: [
      Plot.gridY(ticks, { stroke: GRID, strokeOpacity: 1 }),
      Plot.ruleY([1], { stroke: GRID }),
      Plot.line(
        rows.filter((r) => r.what.startsWith('all')),
        { x: 'alpha', y: 'v', stroke: 'what', strokeDasharray: DASHES[0], strokeWidth: 2 },
      ),
      Plot.line(
        rows.filter((r) => !r.what.startsWith('all')),
        { x: 'alpha', y: 'v', stroke: 'what', strokeDasharray: DASHES[1], strokeWidth: 2 },
      ),
      Plot.ruleX([c.points[pointAt(c, alpha)].alpha], { stroke: FG, strokeDasharray: '2 3' }),
    ],
  });
}
