// A strict matrix-level schedule, ours: a matrix is computed only once all of its weights are in memory, and the
// up/down reads can only start once the gate matrix has been computed (they read only neurons whose gate fired). So
// one FFN runs in four phases, one after another: gate reads, gate compute, up/down reads, up/down compute. Each phase
// is scheduled by lib/sparsity's own schedulePipeline (one I/O thread, N compute threads), then shifted to start where
// the previous phase ended.
//
// PowerInfer-2's own matrix-level baseline (arXiv 2406.06282 v3, §4.3, Fig. 6a) is milder: it computes a matrix's
// cached neurons while the others load, with a barrier only before the next matrix. That is schedulePipeline's
// 'matrix' mode, which keeps only the gate → up/down barrier. (The "computed only once all weights are in memory"
// wording is an earlier arXiv version's.) On our model the paper's baseline leaves at most a few percent between
// the modes, so the widget shows this stricter one, where the idle threads are easy to see, and the lesson gives the
// saving against both.
import { schedulePipeline, type ClusterWork, type PipelineSchedule, type PipelineTask } from './pipeline.ts';

const PHASES = ['gateIoMs', 'gateComputeMs', 'udIoMs', 'udComputeMs'] as const;

/** The matrix-level schedule of `work`: four barrier-separated phases, each scheduled by schedulePipeline. */
export function matrixLevelSchedule(work: ClusterWork[], computeThreads = 2): PipelineSchedule {
  const tasks: PipelineTask[] = [];
  let t = 0;
  PHASES.forEach((phase, i) => {
    const only = work.map((w) => ({ gateIoMs: 0, gateComputeMs: 0, udIoMs: 0, udComputeMs: 0, [phase]: w[phase] }));
    // The predictor runs once, before the first phase.
    const s = schedulePipeline(only, { mode: 'cluster', computeThreads, predMs: i === 0 ? undefined : 0 });
    for (const task of s.tasks) tasks.push({ ...task, start: task.start + t, end: task.end + t });
    t += s.totalMs;
  });
  tasks.sort((a, b) => a.start - b.start || a.cluster - b.cluster);
  const io = tasks.filter((x) => x.thread === 'io');
  const ioBusyMs = io.reduce((a, x) => a + x.end - x.start, 0);
  const lastIo = io.reduce((m, x) => Math.max(m, x.end), 0);
  return { mode: 'matrix', tasks, totalMs: t, ioBusyMs, ioIdleMs: lastIo - ioBusyMs };
}
