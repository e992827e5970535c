// speedupChart: measured speed-up of a sparse FFN over the dense one against the share of neurons skipped, one line
// per kernel, with the ideal 1 / (1 − s) as a dashed line and 1× (no gain) as a rule. Log-scaled speed-up.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface SpeedupPoint {
  sparsity: number;
  /** "plain JS", "TensorFlow.js (wasm)", or "ideal". */
  kernel: string;
  speedup: number;
}

export interface SpeedupChartOptions extends Plot.PlotOptions {
  width?: number;
}

export function speedupChart(data: SpeedupPoint[], { width = 640, height, ...options }: SpeedupChartOptions = {}) {
  const kernels = [...new Set(data.map((d) => d.kernel))];
  const rows = [...data].sort((a, b) => a.sparsity - b.sparsity).map((d) => ({ ...d, speedup: Math.max(0.05, d.speedup) }));
  const ideal = rows.filter((d) => d.kernel === 'ideal');
  const measured = rows.filter((d) => d.kernel !== 'ideal');
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(320, Math.max(210, width * 0.55))),
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { domain: [0, 1], label: 'share of neurons skipped', tickFormat: '.0%', ticks: width < 420 ? 4 : 6 },
    y: { type: 'log', label: 'speed-up over dense (log)', tickFormat: '~g' },
    color: { domain: kernels, range: ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'], legend: true },
    symbol: { domain: kernels, range: ['circle', 'diamond', 'square', 'triangle'] },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.ruleY([1], { stroke: 'var(--muted)' }),
      Plot.line(ideal, { x: 'sparsity', y: 'speedup', stroke: 'kernel', strokeDasharray: '4 3' }),
      Plot.line(measured, { x: 'sparsity', y: 'speedup', z: 'kernel', stroke: 'kernel', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'sparsity', y: 'speedup', fill: 'kernel', symbol: 'kernel', r: 4 }),
    ],
    ...options,
  }));
}
