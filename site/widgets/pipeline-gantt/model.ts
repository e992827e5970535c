// PipelineGantt as plain data (no DOM): lanes and a schedule's totals (its sentences are in text.ts). The schedules
// themselves are lib/sparsity/token-pipeline.ts (measured activity, simulated stage times).
import type { Lane, PipelineSchedule } from '../../../lib/sparsity/pipeline.ts';
import { duration } from '../_kit/format.ts';

export const LANES: readonly Lane[] = ['Pred', 'GIO', 'GC', 'UDIO', 'UDC'];

/** Totals of one schedule, formatted. */
export function scheduleFigures(s: PipelineSchedule): { total: string; busy: string; idle: string } {
  return { total: duration(s.totalMs), busy: duration(s.ioBusyMs), idle: duration(s.ioIdleMs) };
}
