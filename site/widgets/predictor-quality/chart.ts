// recallChart: an activation predictor's trade-off. x = share of neurons it tells the FFN to compute, y = share of
// the truly firing neurons among them (recall), one point per threshold; a line for the calibration sweep and
// labelled diamonds for the validation sweep, the selected one ringed; a dotted rule at the share that really fires.
import * as Plot from '@observablehq/plot';
import { FG, GRID, MUTED, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { PredictorData } from './model.ts';
import { text } from './text.ts';

export const RECALL_SIZE: ChartSize = { ratio: 0.55, min: 220, max: 320, legend: true };

export function recallChart(d: PredictorData, selected: number, { width, document }: ChartContext, lang: Lang = 'en') {
  const t = text[lang];
  const cal = [...d.calibration]
    .sort((a, b) => a.computedShare - b.computedShare)
    .map((p) => ({ ...p, set: t.sets.calibration }));
  const val = d.sweep.map((p) => ({ ...p, set: t.sets.validation }));
  const sel = val.filter((p) => p.threshold === selected);
  const all = [...cal, ...val];
  const maxX = Math.min(1, Math.max(...all.map((p) => p.computedShare), d.activeShare) * 1.15);
  const minY = Math.max(0, Math.min(...all.map((p) => p.recall)) - 0.05);
  return plotChart({
    width,
    size: RECALL_SIZE,
    document,
    label: t.chartLabel,
    description: d.sweep.map(t.chartPoint).join(lang === 'zh' ? '；' : '; '),
    marginLeft: 44,
    x: { domain: [0, maxX], label: t.xLabel, tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: { domain: [minY, 1], label: t.yLabel, tickFormat: '.0%', ticks: 5 },
    color: { domain: [t.sets.calibration, t.sets.validation], range: [SERIES[0], SERIES[1]] },
    // The legend draws each set's own symbol in its colour (a colour legend would draw squares).
    symbol: { domain: [t.sets.calibration, t.sets.validation], range: ['circle', 'diamond'], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.ruleX([d.activeShare], { stroke: MUTED, strokeDasharray: '2 3' }),
      Plot.line(cal, { x: 'computedShare', y: 'recall', stroke: 'set', strokeWidth: 1.5 }),
      Plot.dot(cal, { x: 'computedShare', y: 'recall', fill: 'set', symbol: 'set', r: 2.5 }),
      Plot.dot(val, { x: 'computedShare', y: 'recall', fill: 'set', symbol: 'set', r: 5 }),
      Plot.text(val, {
        x: 'computedShare',
        y: 'recall',
        text: (p: { threshold: number }) => `t=${p.threshold}`,
        dy: -10,
        fill: FG,
      }),
      Plot.dot(sel, { x: 'computedShare', y: 'recall', stroke: FG, strokeWidth: 2, r: 9 }),
    ],
  });
}
