// ganttChart: a schedule of PowerInfer-2's five pipeline stages (Pred, GIO, GC, UDIO, UDC) for one FFN, one row
// per stage, one bar per cluster's task from start to end (milliseconds, simulated). I/O bars and compute bars are
// told apart by colour and by their lane names; one task can be highlighted (keyboard step-through).
import * as Plot from '@observablehq/plot';
import { plainMarks } from './plain-marks.ts';

export interface GanttTask {
  lane: string;
  cluster: number;
  start: number;
  end: number;
  thread: 'io' | number;
}

export interface GanttChartOptions extends Plot.PlotOptions {
  width?: number;
  lanes: readonly string[];
  /** X domain end, so two schedules drawn one after the other share a scale. */
  maxMs: number;
  /** Index into `tasks` of the task to outline. */
  highlight?: number;
}

const us = (ms: number) => `${+(ms * 1000).toPrecision(3)} µs`;

export function ganttChart(tasks: GanttTask[], { width = 640, height, lanes, maxMs, highlight, ...options }: GanttChartOptions) {
  const rows = tasks.map((t, i) => ({ ...t, kind: t.thread === 'io' ? 'flash I/O' : 'compute', i }));
  const hi = highlight !== undefined && rows[highlight] ? [rows[highlight]] : [];
  return plainMarks(Plot.plot({
    width,
    height: height ?? 36 * lanes.length + 60,
    marginLeft: 48,
    marginRight: 16,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: 'time (simulated)', domain: [0, maxMs], tickFormat: us, ticks: width < 420 ? 3 : 6 },
    y: { domain: lanes as string[], label: null },
    color: { domain: ['flash I/O', 'compute'], range: ['var(--chart-2)', 'var(--chart-1)'], legend: true },
    marks: [
      Plot.gridX({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.barX(rows, { x1: 'start', x2: 'end', y: 'lane', fill: 'kind', inset: 0.5, insetTop: 4, insetBottom: 4 }),
      // Compute tasks are short next to 4 KB reads: a tick at each start keeps them visible at any width.
      Plot.tickX(rows.filter((r) => r.kind === 'compute'), { x: 'start', y: 'lane', stroke: 'var(--chart-1)', strokeWidth: 1.5, insetTop: 4, insetBottom: 4 }),
      Plot.barX(hi, { x1: 'start', x2: 'end', y: 'lane', stroke: 'var(--fg)', strokeWidth: 3, fill: 'none', insetTop: 1, insetBottom: 1 }),
      Plot.ruleX([0]),
    ],
    ...options,
  }));
}
