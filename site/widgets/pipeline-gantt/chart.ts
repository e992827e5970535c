// ganttChart: a schedule of PowerInfer-2's five pipeline stages (Pred, GIO, GC, UDIO, UDC) for one FFN, one row per
// stage, one bar per cluster's task from start to end (milliseconds, simulated). I/O and compute bars are told apart
// by colour and by their lane names; one task can be outlined (keyboard step-through).
import * as Plot from '@observablehq/plot';
import type { PipelineTask } from '../../../lib/sparsity/pipeline.ts';
import { FG, GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { duration } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { LANES } from './model.ts';
import { text } from './text.ts';

/** Five lanes of 36 px plus axes: a fixed height at any width. */
export const GANTT_SIZE: ChartSize = {
  ratio: 0,
  min: 36 * LANES.length + 60,
  max: 36 * LANES.length + 60,
  legend: true,
};

export interface GanttOptions extends ChartContext {
  /** X domain end, so two schedules drawn one after the other share a scale. */
  maxMs: number;
  /** Index into `tasks` of the task to outline. */
  highlight?: number;
  label: string;
  description: string;
  /** The edition whose words the legend and axis use. */
  lang?: Lang;
}

export function ganttChart(
  tasks: PipelineTask[],
  { width, document, maxMs, highlight, label, description, lang = 'en' }: GanttOptions,
) {
  const t = text[lang];
  const kinds = [t.kinds.io, t.kinds.compute];
  const rows = tasks.map((task, i) => ({ ...task, kind: task.thread === 'io' ? kinds[0] : kinds[1], i }));
  const hi = highlight !== undefined && rows[highlight] ? [rows[highlight]] : [];
  return plotChart({
    width,
    size: GANTT_SIZE,
    document,
    label,
    description,
    marginLeft: 48,
    marginRight: 20,
    x: { label: t.timeAxis, domain: [0, maxMs], tickFormat: duration, ticks: width < 420 ? 3 : 6 },
    y: { domain: [...LANES], label: null },
    color: { domain: kinds, range: [SERIES[1], SERIES[0]], legend: true },
    marks: [
      Plot.gridX({ stroke: GRID, strokeOpacity: 1, ticks: width < 420 ? 3 : 6 }),
      Plot.barX(rows, { x1: 'start', x2: 'end', y: 'lane', fill: 'kind', inset: 0.5, insetTop: 4, insetBottom: 4 }),
      // Compute tasks are short next to 4 KiB reads: a tick at each start keeps them visible at any width.
      Plot.tickX(
        rows.filter((r) => r.kind === kinds[1]),
        { x: 'start', y: 'lane', stroke: SERIES[0], strokeWidth: 1.5, insetTop: 4, insetBottom: 4 },
      ),
      Plot.barX(hi, {
        x1: 'start',
        x2: 'end',
        y: 'lane',
        stroke: FG,
        strokeWidth: 3,
        fill: 'none',
        insetTop: 1,
        insetBottom: 1,
      }),
      Plot.ruleX([0]),
    ],
  });
}
