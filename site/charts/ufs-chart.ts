// ufsChart: read bandwidth of a phone's UFS 4.0 flash against the size of each read (log scale), random and
// sequential, as lib/sparsity/flash.ts prices reads. Filled dots are the sizes PowerInfer-2 states (arXiv
// 2406.06282 v3, §2.3.2); the line between them is a log-linear interpolation of ours. `mark` circles a read size.
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface UfsChartPoint {
  bytes: number;
  pattern: 'random' | 'sequential';
  bandwidth: number;
  cited: boolean;
}

export interface UfsChartOptions extends Plot.PlotOptions {
  width?: number;
  /** A read to circle on the random curve: its size and bandwidth. */
  mark?: { bytes: number; bandwidth: number };
}

const kb = (b: number) => `${b / 1024} KB`;

export function ufsChart(data: UfsChartPoint[], { width = 640, height, mark, ...options }: UfsChartOptions = {}) {
  return plainMarks(Plot.plot({
    width,
    height: height ?? Math.round(Math.min(230, Math.max(170, width * 0.38))),
    marginLeft: 44,
    marginRight: 24,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { type: 'log', base: 2, label: 'size of one read', tickFormat: kb, ticks: width < 420 ? 4 : 8 },
    y: { label: 'bandwidth (GB/s)', transform: (b: number) => b / 1e9, domain: [0, 4.2], grid: false },
    color: { domain: ['random', 'sequential'], range: ['var(--chart-1)', 'var(--chart-2)'], legend: true },
    symbol: { domain: ['random', 'sequential'], range: ['circle', 'square'] },
    marks: [
      Plot.gridY({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.line(data, { x: 'bytes', y: 'bandwidth', z: 'pattern', stroke: 'pattern', strokeWidth: 1.5, strokeDasharray: '5 3' }),
      Plot.dot(data.filter((d) => d.cited), { x: 'bytes', y: 'bandwidth', fill: 'pattern', symbol: 'pattern', r: 5 }),
      mark ? Plot.dot([mark], { x: 'bytes', y: 'bandwidth', r: 8, stroke: 'var(--accent)', strokeWidth: 2.5 }) : null,
    ],
    ...options,
  }));
}
