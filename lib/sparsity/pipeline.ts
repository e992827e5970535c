// Overlapping flash I/O with compute inside one FFN, PowerInfer-2's neuron-cluster-level pipeline
// [arXiv 2406.06282, §4.3, Fig. 6]. Each cluster of neurons goes through five stages:
//   Pred (predict active neurons) → GIO (read gate vectors) → GC (gate compute) → UDIO (read up/down) → UDC (up/down compute)
// with one I/O thread and N compute threads. A matrix-level pipeline keeps a barrier at each matrix boundary: no
// up/down read starts until the whole gate matrix is computed, so the I/O thread idles ("bubbles"). The cluster-level
// pipeline drops the barrier: cluster c's up/down read may start as soon as its own gate compute is done.
// Gate/up/down follow PowerInfer-2's INT4 bundle (a 4 KB gate read first, up/down read only if the gate fired, §4.4);
// our ReLU model has no gate, so its W_up plays the gate's role. Stage times are simulated from the papers' figures;
// which neurons each cluster needs comes from our model's real activation trace.
import { activeNeurons, type ActivationTrace } from './trace.ts';
import { readMs } from '../hardware/storage-curve.ts';
import { INT4_7B_COSTS, type StageCosts } from '../hardware/devices.ts';

export type Lane = 'Pred' | 'GIO' | 'GC' | 'UDIO' | 'UDC';
export type PipelineMode = 'matrix' | 'cluster';

/** Milliseconds of each stage for one cluster; 0 means nothing to do (e.g. cached weights need no read). */
export interface ClusterWork {
  gateIoMs: number;
  gateComputeMs: number;
  udIoMs: number;
  udComputeMs: number;
}

export interface PipelineTask {
  lane: Lane;
  /** Cluster index (-1 for Pred). */
  cluster: number;
  start: number;
  end: number;
  /** 'io' for the I/O thread, or the compute thread's number (0-based). */
  thread: 'io' | number;
}

export interface PipelineSchedule {
  mode: PipelineMode;
  tasks: PipelineTask[];
  totalMs: number;
  /** Time the I/O thread is busy, and its idle time before the last read ends (bubbles). */
  ioBusyMs: number;
  ioIdleMs: number;
}

export interface PipelineOptions {
  mode: PipelineMode;
  /** Compute threads (default 2); there is always exactly one I/O thread. */
  computeThreads?: number;
  /** Predictor time (default 0.005 ms, simulated). */
  predMs?: number;
}

interface Node {
  lane: Lane;
  cluster: number;
  dur: number;
  deps: number[];
  io: boolean;
}
interface Timed {
  start: number;
  end: number;
  thread?: 'io' | number;
}

/** The task graph: Pred, then GIO → GC → UDIO → UDC per cluster; `barrier` makes every UDIO/UDC wait for all GCs. */
function buildGraph(work: ClusterWork[], predMs: number, barrier: boolean): Node[] {
  const nodes: Node[] = [{ lane: 'Pred', cluster: -1, dur: predMs, deps: [], io: false }];
  const gc: number[] = [];
  work.forEach((w, c) => {
    const gio = nodes.push({ lane: 'GIO', cluster: c, dur: w.gateIoMs, deps: [0], io: true }) - 1;
    gc.push(nodes.push({ lane: 'GC', cluster: c, dur: w.gateComputeMs, deps: [gio], io: false }) - 1);
  });
  work.forEach((w, c) => {
    const gateDeps = barrier ? gc : [gc[c]];
    const udio = nodes.push({ lane: 'UDIO', cluster: c, dur: w.udIoMs, deps: gateDeps, io: true }) - 1;
    nodes.push({ lane: 'UDC', cluster: c, dur: w.udComputeMs, deps: [udio, ...gateDeps], io: false });
  });
  return nodes;
}

const STAGE_RANK: Record<Lane, number> = { Pred: 0, GIO: 1, GC: 2, UDIO: 3, UDC: 4 };

/** Greedy list scheduling: repeatedly start the ready task that can start earliest (ties: lower cluster, earlier stage). */
function listSchedule(nodes: Node[], threads: number): Timed[] {
  const times: (Timed | undefined)[] = nodes.map(() => undefined);
  let ioFree = 0;
  const computeFree = new Array<number>(threads).fill(0);
  for (let left = nodes.length; left > 0; left--) {
    let best = -1,
      bestStart = Infinity;
    nodes.forEach((n, k) => {
      if (times[k] || n.deps.some((d) => !times[d])) return;
      const ready = Math.max(0, ...n.deps.map((d) => times[d]!.end));
      const start = n.dur === 0 ? ready : Math.max(ready, n.io ? ioFree : Math.min(...computeFree));
      const b = best >= 0 ? nodes[best] : null;
      if (
        start < bestStart - 1e-12 ||
        (b &&
          Math.abs(start - bestStart) <= 1e-12 &&
          (n.cluster - b.cluster || STAGE_RANK[n.lane] - STAGE_RANK[b.lane]) < 0)
      ) {
        best = k;
        bestStart = start;
      }
    });
    const n = nodes[best];
    const t: Timed = { start: bestStart, end: bestStart + n.dur };
    if (n.dur > 0) {
      if (n.io) {
        ioFree = t.end;
        t.thread = 'io';
      } else {
        const th = computeFree.indexOf(Math.min(...computeFree));
        computeFree[th] = t.end;
        t.thread = th;
      }
    }
    times[best] = t;
  }
  return times as Timed[];
}

/**
 * Replays a schedule's per-thread task order on a graph with the same tasks but fewer dependencies: each task starts
 * when its dependencies and the previous task on its thread are done. Dropping dependencies can only move starts
 * earlier (every start is a max of earlier ends), so the result is never later than the original.
 */
function replay(nodes: Node[], order: Timed[]): Timed[] {
  const times: Timed[] = new Array(nodes.length);
  const free = new Map<'io' | number, number>();
  const sequence = [...nodes.keys()].sort(
    (a, b) => order[a].start - order[b].start || order[a].end - order[b].end || a - b,
  );
  for (const k of sequence) {
    const n = nodes[k],
      thread = order[k].thread;
    const ready = Math.max(0, ...n.deps.map((d) => times[d].end));
    const start = thread === undefined ? ready : Math.max(ready, free.get(thread) ?? 0);
    times[k] = { start, end: start + n.dur, thread };
    if (thread !== undefined) free.set(thread, times[k].end);
  }
  return times;
}

/**
 * Schedules the five stages of every cluster. Matrix level: greedy list scheduling with the barrier. Cluster level:
 * the better of greedy list scheduling without the barrier (which interleaves gate and up/down reads, as in Fig. 6)
 * and the matrix-level order replayed without the barrier; the latter guarantees cluster level is never slower.
 */
export function schedulePipeline(work: ClusterWork[], opts: PipelineOptions): PipelineSchedule {
  const threads = opts.computeThreads ?? 2;
  if (!(Number.isInteger(threads) && threads >= 1))
    throw new Error(`schedulePipeline: computeThreads must be a positive integer, got ${threads}`);
  if (opts.mode !== 'matrix' && opts.mode !== 'cluster')
    throw new Error(`schedulePipeline: mode must be "matrix" or "cluster", got ${JSON.stringify(opts.mode)}`);
  for (const [c, w] of work.entries())
    for (const [k, v] of Object.entries(w))
      if (!(v >= 0 && Number.isFinite(v)))
        throw new Error(`schedulePipeline: cluster ${c} ${k} must be a finite number ≥ 0, got ${v}`);
  const predMs = opts.predMs ?? 0.005;
  const matrixNodes = buildGraph(work, predMs, true);
  const matrix = listSchedule(matrixNodes, threads);
  if (opts.mode === 'matrix') return summarise('matrix', matrixNodes, matrix);
  const nodes = buildGraph(work, predMs, false);
  const greedy = summarise('cluster', nodes, listSchedule(nodes, threads));
  const replayed = summarise('cluster', nodes, replay(nodes, matrix));
  return greedy.totalMs <= replayed.totalMs ? greedy : replayed;
}

function summarise(mode: PipelineMode, nodes: Node[], times: Timed[]): PipelineSchedule {
  const tasks: PipelineTask[] = nodes
    .flatMap((n, k) =>
      n.dur > 0
        ? [{ lane: n.lane, cluster: n.cluster, start: times[k].start, end: times[k].end, thread: times[k].thread! }]
        : [],
    )
    .sort((a, b) => a.start - b.start || a.cluster - b.cluster);
  const ioTasks = tasks.filter((t) => t.thread === 'io');
  const ioBusyMs = ioTasks.reduce((s, t) => s + t.end - t.start, 0);
  const lastIo = ioTasks.reduce((m, t) => Math.max(m, t.end), 0);
  return { mode, tasks, totalMs: Math.max(0, ...times.map((t) => t.end)), ioBusyMs, ioIdleMs: lastIo - ioBusyMs };
}

export interface WorkFromTraceOptions {
  /** Neurons per cluster (default 32). */
  clusterSize?: number;
  /** Per-neuron frequency of this layer: clusters are formed in this hot order (default index order). */
  frequency?: ArrayLike<number>;
  /** The hottest clusters already in the neuron cache: their reads are skipped (default half of them). */
  cachedClusters?: number;
  /** Neurons the predictor chose at this token (default: the ones that really fired, an oracle predictor). */
  predicted?: ArrayLike<number>;
  costs?: StageCosts;
}

/** Per-cluster stage times for one token and layer of a real activation trace. */
export function clusterWorkFromTrace(
  trace: ActivationTrace,
  token: number,
  layer: number,
  opts: WorkFromTraceOptions = {},
): ClusterWork[] {
  const F = trace.nFfn;
  const size = opts.clusterSize ?? 32;
  const f = opts.frequency;
  const order = Array.from({ length: F }, (_, i) => i);
  if (f) order.sort((a, b) => f[b] - f[a] || a - b);
  const clusterOf = new Int32Array(F);
  order.forEach((i, k) => {
    clusterOf[i] = Math.floor(k / size);
  });
  const nClusters = Math.ceil(F / size);
  const cached = opts.cachedClusters ?? Math.floor(nClusters / 2);
  const costs = opts.costs ?? INT4_7B_COSTS;
  const active = activeNeurons(trace, token, layer);
  const predicted = opts.predicted ? Array.from(opts.predicted) : active;
  const pred = new Array<number>(nClusters).fill(0),
    act = new Array<number>(nClusters).fill(0);
  const chosen = new Uint8Array(F);
  for (const i of predicted) {
    chosen[i] = 1;
    pred[clusterOf[i]]++;
  }
  for (const i of active) if (chosen[i]) act[clusterOf[i]]++; // up/down only for chosen neurons whose gate fired
  const gateRead = readMs(costs.gateReadBytes),
    udRead = readMs(costs.udReadBytes);
  return pred.map((p, c) => {
    const a = act[c];
    const inMemory = c < cached;
    return {
      gateIoMs: inMemory ? 0 : p * gateRead,
      gateComputeMs: p * costs.computeMsPerVector,
      udIoMs: inMemory ? 0 : a * udRead,
      udComputeMs: 2 * a * costs.computeMsPerVector,
    };
  });
}
