// The example group on a number line, three rows: the weights and their rounded values on the grid of step Δ
// (before), on the grid of step Δ' (after scaling, for the other weights), and the salient weight's own grid Δ'/s
// (after scaling, back in original units). Ticks are grid points; hollow dots the weights, filled dots their values.
import * as Plot from '@observablehq/plot';
import { FG, GRID, MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { groupSentence, type groupScaling } from './model.ts';
import { text } from './text.ts';

export const LINE_SIZE: ChartSize = { ratio: 0.42, min: 180, max: 240 };

export function lineChart(
  g: ReturnType<typeof groupScaling>,
  s: number,
  bits: number,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
) {
  const t = text[lang];
  const ROWS = t.rows;
  const max = Math.max(...g.w.map(Math.abs), Math.abs(g.w[g.salient] * s) / s) * 1.08;
  const hi = (1 << (bits - 1)) - 1,
    lo = -(1 << (bits - 1));
  const grid = (step: number, row: string) => {
    const out: { x: number; row: string }[] = [];
    if (step > 0) for (let k = lo; k <= hi; k++) if (Math.abs(k * step) <= max) out.push({ x: k * step, row });
    return out;
  };
  const ticks = [...grid(g.step, ROWS[0]), ...grid(g.scaledStep, ROWS[1]), ...grid(g.scaledStep / s, ROWS[2])];
  const points = g.w.flatMap((w, i) => {
    const sal = i === g.salient;
    return [
      { x: w, row: ROWS[0], kind: 'weight', sal },
      { x: g.before[i], row: ROWS[0], kind: 'rounded', sal },
      ...(sal
        ? [
            { x: w, row: ROWS[2], kind: 'weight', sal },
            { x: g.after[i], row: ROWS[2], kind: 'rounded', sal },
          ]
        : [
            { x: w, row: ROWS[1], kind: 'weight', sal },
            { x: g.after[i], row: ROWS[1], kind: 'rounded', sal },
          ]),
    ];
  });
  return plotChart({
    width,
    size: LINE_SIZE,
    document,
    label: t.chartLabel,
    description: groupSentence(g, s, lang),
    marginLeft: width < 420 ? 10 : 130,
    x: { domain: [-max, max], label: t.xAxis, ticks: width < 420 ? 4 : 7 },
    y: { domain: ROWS, label: null, axis: width < 420 ? null : 'left' },
    marks: [
      Plot.tickX(ticks, { x: 'x', y: 'row', stroke: GRID, strokeWidth: 1 }),
      Plot.ruleX([0], { stroke: MUTED, strokeDasharray: '2 3' }),
      Plot.dot(
        points.filter((p) => p.kind === 'weight'),
        { x: 'x', y: 'row', stroke: (p: { sal: boolean }) => (p.sal ? SERIES[1] : SERIES[0]), r: 5, strokeWidth: 1.5 },
      ),
      Plot.dot(
        points.filter((p) => p.kind === 'rounded'),
        { x: 'x', y: 'row', fill: (p: { sal: boolean }) => (p.sal ? SERIES[1] : SERIES[0]), r: 2.5 },
      ),
      ...(width < 420
        ? [
            Plot.text(ROWS, {
              x: -max,
              y: (r: string) => r,
              text: (r: string) => r,
              textAnchor: 'start',
              dy: -12,
              fill: FG,
            }),
          ]
        : []),
    ],
  });
}
