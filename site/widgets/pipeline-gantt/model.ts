// PipelineGantt as plain data (no DOM): lanes, and the sentences for totals, cluster activity and one task. The
// schedules themselves are lib/sparsity/token-pipeline.ts (measured activity, simulated stage times).
import type { Lane, PipelineSchedule } from '../../../lib/sparsity/pipeline.ts';
import { saving, type PipelineRun } from '../../../lib/sparsity/token-pipeline.ts';
import { duration, percent, token } from '../_kit/format.ts';
import type { Mode } from './params.ts';

export const LANES: readonly Lane[] = ['Pred', 'GIO', 'GC', 'UDIO', 'UDC'];
export const LANE_NAMES: Record<Lane, string> = {
  Pred: 'predict active neurons',
  GIO: 'read gate (up) vectors from flash',
  GC: 'gate (up) compute',
  UDIO: 'read up/down vectors from flash',
  UDC: 'up/down compute',
};

/** Totals of one schedule, formatted. */
export function scheduleFigures(s: PipelineSchedule): { total: string; busy: string; idle: string } {
  return { total: duration(s.totalMs), busy: duration(s.ioBusyMs), idle: duration(s.ioIdleMs) };
}

/** Which clusters fire, in words. */
export function activitySentence(run: PipelineRun): string {
  const firing = run.clusters.filter((c) => c.active > 0);
  const neurons = run.clusters.reduce((a, c) => a + c.active, 0);
  const fromFlash = run.clusters.filter((c) => c.active > 0 && !c.inMemory);
  const read = fromFlash.reduce((a, c) => a + c.active, 0);
  return (
    `Token ${run.token} (${token(run.tokenText)}), layer ${run.layer}: ${neurons} of ${run.clusters.length * run.clusterSize} neurons fire, ` +
    `in ${firing.length} of ${run.clusters.length} clusters (measured on our model); ${run.cachedClusters} hottest clusters are in memory, ` +
    `so ${read} neuron${read === 1 ? '' : 's'} (${percent(neurons ? read / neurons : 0)} of those needed) in ${fromFlash.length} cluster${fromFlash.length === 1 ? '' : 's'} must be read from flash.`
  );
}

/** Both totals and the difference, in words. */
export function pipelineSentence(run: PipelineRun, mode: Mode): string {
  const m = scheduleFigures(run.matrix);
  const c = scheduleFigures(run.cluster);
  const s = saving(run);
  return (
    `Showing the ${mode}-level pipeline. Matrix-level: ${m.total} in all, the I/O thread idle ${m.idle} between reads; ` +
    `cluster-level: ${c.total}, idle ${c.idle} (simulated times). ` +
    (Math.abs(s) < 0.0005
      ? 'Here the two take the same time.'
      : `Dropping the matrix boundaries ${s > 0 ? 'saves' : 'costs'} ${percent(Math.abs(s))}.`)
  );
}

/** One task, in words, for keyboard step-through. */
export function taskSentence(
  t: { lane: Lane; cluster: number; start: number; end: number; thread: 'io' | number },
  index: number,
  count: number,
): string {
  const who = t.cluster < 0 ? 'all clusters' : `cluster ${t.cluster}`;
  const thread = t.thread === 'io' ? 'the I/O thread' : `compute thread ${Number(t.thread)}`;
  return `Task ${index + 1} of ${count}: ${t.lane} (${LANE_NAMES[t.lane]}) for ${who}, from ${duration(t.start)} to ${duration(t.end)} on ${thread}.`;
}
