// batchSplitChart: for each batch size, the FFN rows a dense unit (NPU) and a sparse unit (CPU) would compute per
// decode step when the hottest share of neurons goes to the dense unit: dense rows that some sequence needed,
// dense rows nobody needed (wasted), and the cold rows the sparse unit computes. Shares of a layer's neurons,
// mean over layers, measured on our model. Bars are told apart by pattern of colour and by the legend's words.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export type SplitPart = 'dense, needed' | 'dense, not needed' | 'sparse (cold, active)';
export const SPLIT_PARTS: readonly SplitPart[] = ['dense, needed', 'dense, not needed', 'sparse (cold, active)'];

export interface SplitPoint {
  batch: number;
  part: SplitPart;
  /** Share of a layer's neurons. */
  rows: number;
}

export interface BatchSplitChartOptions extends Plot.PlotOptions {
  width?: number;
}

export function batchSplitChart(data: SplitPoint[], { width = 640, height, ...options }: BatchSplitChartOptions = {}) {
  const batches = [...new Set(data.map((d) => d.batch))].sort((a, b) => a - b);
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(280, Math.max(190, width * 0.45))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: 'batch size B', domain: batches, tickFormat: (b: number) => (width >= 420 || batches.length <= 8 || b === 1 || b % 4 === 0 ? String(b) : '') },
    y: { label: 'rows computed per step', tickFormat: '.0%', grid: false },
    color: { domain: SPLIT_PARTS, range: ['var(--chart-1)', 'var(--chart-grid)', 'var(--chart-2)'], legend: true },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.barY(data, { x: 'batch', y: 'rows', fill: 'part', order: SPLIT_PARTS as SplitPart[], stroke: 'currentColor', strokeWidth: 0.5, strokeOpacity: 0.5 }),
      Plot.ruleY([0]),
    ],
    ...options,
  }));
}
