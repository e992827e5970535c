// Two charts against α: the layer's output error relative to RTN (α = 0), with the best α marked; and the weights'
// effective step ratio (Δ'/s)/Δ, the median over all weights, beside the most activated channel's.
import * as Plot from '@observablehq/plot';
import { FG, GRID, SERIES, DASHES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { sig } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { logTicks, pointAt, type Curve } from './model.ts';
import { text } from './text.ts';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export const ERROR_SIZE: ChartSize = { ratio: 0.45, min: 180, max: 260 };
export const STEPS_SIZE: ChartSize = { ratio: 0.45, min: 180, max: 260, legend: true };

export function errorChart(c: Curve, alpha: number, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const sel = c.points[pointAt(c, alpha)],
    best = c.points[c.best];
  return plotChart({
    width,
    size: ERROR_SIZE,
    document,
    label: t.errorLabel(c.layer),
    description: c.points.map(t.errorPoint).join(t.join),
    marginLeft: 48,
    x: { domain: [0, 0.95], label: 'α', ticks: 5 },
    y: { label: t.errorAxis, tickFormat: '.0%', ticks: 5, zero: false },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.ruleY([1], { stroke: GRID }),
      Plot.line(c.points, { x: 'alpha', y: 'relError', stroke: SERIES[0], strokeWidth: 2 }),
      Plot.dot([best], { x: 'alpha', y: 'relError', fill: SERIES[1], r: 5 }),
      Plot.text([best], { x: 'alpha', y: 'relError', text: () => t.best, dy: 12, fill: FG }),
      Plot.ruleX([sel.alpha], { stroke: FG, strokeDasharray: '2 3' }),
      Plot.dot([sel], { x: 'alpha', y: 'relError', stroke: FG, r: 7 }),
    ],
  });
}

export function stepsChart(c: Curve, alpha: number, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const values = c.points.flatMap((p) => [p.stepRatio, p.salientFactor]);
  const ticks = logTicks(Math.min(...values), Math.max(...values));
  const rows = c.points.flatMap((p) => [
    { alpha: p.alpha, v: p.stepRatio, what: t.allWeights, all: true },
    { alpha: p.alpha, v: p.salientFactor, what: t.salient, all: false },
  ]);
  return plotChart({
    width,
    size: STEPS_SIZE,
    document,
    label: t.stepsLabel(c.layer),
    description: c.points.map(t.stepsPoint).join(t.join),
    marginLeft: 48,
    x: { domain: [0, 0.95], label: 'α', ticks: 5 },
    y: { label: t.stepsAxis, ticks, tickFormat: (v: number) => String(sig(v, 2)), type: 'log' },
    color: { domain: rows.slice(0, 2).map((r) => r.what), range: [SERIES[0], SERIES[2]], legend: true },
    marks: [
      Plot.gridY(ticks, { stroke: GRID, strokeOpacity: 1 }),
      Plot.ruleY([1], { stroke: GRID }),
      Plot.line(
        rows.filter((r) => r.all),
        { x: 'alpha', y: 'v', stroke: 'what', strokeDasharray: DASHES[0], strokeWidth: 2 },
      ),
      Plot.line(
        rows.filter((r) => !r.all),
        { x: 'alpha', y: 'v', stroke: 'what', strokeDasharray: DASHES[1], strokeWidth: 2 },
      ),
      Plot.ruleX([c.points[pointAt(c, alpha)].alpha], { stroke: FG, strokeDasharray: '2 3' }),
    ],
  });
}
