// recallChart: an activation predictor's trade-off. x = share of neurons it tells the FFN to compute, y = share of
// the truly firing neurons among them (recall), one point per threshold; a line for the calibration sweep and
// labelled dots for the validation sweep, the selected one ringed. Theme colours only.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface RecallPoint {
  threshold: number;
  recall: number;
  computedShare: number;
  /** "calibration" (held-out training windows) or "validation" (Moby Dick's held-out chapters). */
  set: string;
}

export interface RecallChartOptions extends Plot.PlotOptions {
  width?: number;
  /** Threshold of the ringed validation point. */
  selected?: number;
  /** Share of neurons that really fire (drawn as a rule: a perfect predictor computes exactly this many). */
  activeShare?: number;
}

export function recallChart(data: RecallPoint[], { width = 640, height, selected, activeShare, ...options }: RecallChartOptions = {}) {
  const cal = data.filter((d) => d.set === 'calibration').sort((a, b) => a.computedShare - b.computedShare);
  const val = data.filter((d) => d.set === 'validation');
  const sel = val.filter((d) => d.threshold === selected);
  const maxX = Math.min(1, Math.max(...data.map((d) => d.computedShare), activeShare ?? 0) * 1.15);
  const minY = Math.max(0, Math.min(...data.map((d) => d.recall)) - 0.05);
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(320, Math.max(220, width * 0.55))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { domain: [0, maxX], label: 'share of neurons computed', tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: { domain: [minY, 1], label: 'recall (firing neurons found)', tickFormat: '.0%', ticks: 5 },
    color: { domain: ['calibration', 'validation'], range: ['var(--chart-1)', 'var(--chart-2)'], legend: true },
    symbol: { domain: ['calibration', 'validation'], range: ['circle', 'diamond'] },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1, ticks: 5 }),
      ...(activeShare !== undefined ? [Plot.ruleX([activeShare], { stroke: 'var(--muted)', strokeDasharray: '2 3' })] : []),
      Plot.line(cal, { x: 'computedShare', y: 'recall', stroke: 'set', strokeWidth: 1.5 }),
      Plot.dot(cal, { x: 'computedShare', y: 'recall', fill: 'set', symbol: 'set', r: 2.5 }),
      Plot.dot(val, { x: 'computedShare', y: 'recall', fill: 'set', symbol: 'set', r: 5 }),
      Plot.text(val, { x: 'computedShare', y: 'recall', text: (d: RecallPoint) => `t=${d.threshold}`, dy: -10, fill: 'var(--fg)' }),
      Plot.dot(sel, { x: 'computedShare', y: 'recall', stroke: 'var(--fg)', strokeWidth: 2, r: 9 }),
    ],
    ...options,
  }));
}
