// The arithmetic behind PipelineGantt, as plain data: for one token and one layer of our model's real activation
// trace, which neuron clusters fire (measured), what each cluster's five stages would cost on a phone (simulated
// from PowerInfer-2's figures by lib/sparsity/pipeline.ts), and the schedules of a matrix-level pipeline (each matrix
// loaded, then computed: pipeline-phases.ts) and a cluster-level one (lib's schedulePipeline, 'cluster' mode).
// Used at build time (site/data/measured-phone.ts) and in the worker (phone-pipeline.ts).
import type { LanguageModel } from '../../lib/model.ts';
import type { ActivationProfile } from '../../lib/sparsity/profile.ts';
import { clusterWorkFromTrace, schedulePipeline, INT4_7B_COSTS, type ClusterWork, type Lane, type PipelineSchedule } from '../../lib/sparsity/pipeline.ts';
import { activeNeurons } from '../../lib/sparsity/trace.ts';
import { readMs } from '../../lib/sparsity/flash.ts';
import type { StateSpec, StateValues } from '../../lib/url-state.ts';
import { PROFILE_TOKENS, fmtTime, pct, tokenLabel } from './phone-common.ts';
import { matrixLevelSchedule } from './pipeline-phases.ts';

export const MODES = ['matrix', 'cluster'] as const;
export type Mode = (typeof MODES)[number];
export const LANES: readonly Lane[] = ['Pred', 'GIO', 'GC', 'UDIO', 'UDC'];
export const LANE_NAMES: Record<Lane, string> = {
  Pred: 'predict active neurons',
  GIO: 'read gate (up) vectors from flash',
  GC: 'gate (up) compute',
  UDIO: 'read up/down vectors from flash',
  UDC: 'up/down compute',
};
/** Neurons per cluster (lib/sparsity/pipeline.ts's default): 16 clusters of a 512-neuron layer. */
export const CLUSTER_SIZE = 32;

export const GANTT_SPEC = {
  mode: { kind: 'enum', values: MODES },
  /** Which token of the profiled text. */
  token: { kind: 'number', min: 0, max: PROFILE_TOKENS - 1, integer: true },
  layer: { kind: 'number', min: 0, max: 15, integer: true },
  /** Share of clusters (hottest first) already in memory: their reads are skipped. */
  cached: { kind: 'number', min: 0, max: 1 },
  /** Compute threads; there is always one I/O thread. */
  threads: { kind: 'number', min: 1, max: 4, integer: true },
} as const satisfies StateSpec;
export type GanttValues = StateValues<typeof GANTT_SPEC>;
export const GANTT_DEFAULTS: GanttValues = { mode: 'cluster', token: 40, layer: 0, cached: 0.9375, threads: 1 };
export const GANTT_EXTRA_CONTROLS = ['step', 'clusters'] as const;

export interface ClusterActivity {
  /** Neurons of this cluster that fired at this token (measured). */
  active: number;
  size: number;
  /** Among the hottest `cached` share of clusters, so already in memory. */
  inMemory: boolean;
}

export interface PipelineRun {
  token: number;
  layer: number;
  /** The token at that position, decoded. */
  tokenText: string;
  tokens: number;
  nLayer: number;
  clusterSize: number;
  cachedClusters: number;
  clusters: ClusterActivity[];
  work: ClusterWork[];
  matrix: PipelineSchedule;
  cluster: PipelineSchedule;
  /** Simulated cost per read and per vector, for the caption. */
  readMs: number;
  computeMsPerVector: number;
}

/** Clamp token and layer to what the trace has; returns the notes for anything moved. */
export function fitToTrace(v: GanttValues, tokens: number, nLayer: number): { values: GanttValues; notes: string[] } {
  const notes: string[] = [];
  const values = { ...v };
  if (values.token > tokens - 1) {
    notes.push(`Token ${v.token} is past the ${tokens} tokens profiled, so token ${tokens - 1} is shown.`);
    values.token = tokens - 1;
  }
  if (values.layer > nLayer - 1) {
    notes.push(`Layer ${v.layer} does not exist (the model has ${nLayer}), so layer ${nLayer - 1} is shown.`);
    values.layer = nLayer - 1;
  }
  return { values, notes };
}

/** Both schedules for one token and layer of `profile` (which must come from `text` on `model`). */
export function pipelineRun(model: LanguageModel, profile: ActivationProfile, text: string, v: GanttValues): PipelineRun {
  const { values } = fitToTrace(v, profile.tokens, profile.nLayer);
  const { token, layer } = values;
  const F = profile.nFfn;
  const nClusters = Math.ceil(F / CLUSTER_SIZE);
  const cachedClusters = Math.round(values.cached * nClusters);
  const frequency = profile.layers[layer].frequency;
  const work = clusterWorkFromTrace(profile.trace, token, layer, { clusterSize: CLUSTER_SIZE, frequency, cachedClusters });
  const rank = new Int32Array(F);
  profile.layers[layer].hotOrder.forEach((i, k) => { rank[i] = k; });
  const clusters: ClusterActivity[] = Array.from({ length: nClusters }, (_, c) => ({
    active: 0,
    size: Math.min(CLUSTER_SIZE, F - c * CLUSTER_SIZE),
    inMemory: c < cachedClusters,
  }));
  for (const i of activeNeurons(profile.trace, token, layer)) clusters[Math.floor(rank[i] / CLUSTER_SIZE)].active++;
  const ids = model.tokenizer.encode(text).slice(0, profile.tokens);
  const opts = { computeThreads: values.threads };
  return {
    token,
    layer,
    tokenText: model.tokenizer.decode([ids[token]]),
    tokens: profile.tokens,
    nLayer: profile.nLayer,
    clusterSize: CLUSTER_SIZE,
    cachedClusters,
    clusters,
    work,
    matrix: matrixLevelSchedule(work, values.threads),
    cluster: schedulePipeline(work, { ...opts, mode: 'cluster' }),
    readMs: readMs(INT4_7B_COSTS.gateReadBytes),
    computeMsPerVector: INT4_7B_COSTS.computeMsPerVector,
  };
}

/** Totals of one schedule, formatted. */
export function scheduleFigures(s: PipelineSchedule): { total: string; busy: string; idle: string } {
  return { total: fmtTime(s.totalMs), busy: fmtTime(s.ioBusyMs), idle: fmtTime(s.ioIdleMs) };
}

/** Share of the needed neurons at which reading the missing ones takes as long as computing all of them (modelled). */
export function breakEvenMissShare(): number {
  // A needed neuron costs three vector computations (gate, up, down); a missing one two reads (gate, then up+down).
  return (3 * INT4_7B_COSTS.computeMsPerVector) / (readMs(INT4_7B_COSTS.gateReadBytes) + readMs(INT4_7B_COSTS.udReadBytes));
}

/** Share of the needed neurons that come from flash in a run. */
export function flashShare(run: Pick<PipelineRun, 'clusters'>): number {
  const all = run.clusters.reduce((a, c) => a + c.active, 0);
  return all ? run.clusters.reduce((a, c) => a + (c.inMemory ? 0 : c.active), 0) / all : 0;
}

/** How much shorter the cluster-level schedule is, as a share of the matrix-level one. */
export function saving(run: Pick<PipelineRun, 'matrix' | 'cluster'>): number {
  const s = run.matrix.totalMs > 0 ? 1 - run.cluster.totalMs / run.matrix.totalMs : 0;
  return Math.abs(s) < 1e-9 ? 0 : s; // rounding of equal schedules
}

/** Which clusters fire, in words. */
export function activitySentence(run: PipelineRun): string {
  const firing = run.clusters.filter((c) => c.active > 0);
  const neurons = run.clusters.reduce((a, c) => a + c.active, 0);
  const fromFlash = run.clusters.filter((c) => c.active > 0 && !c.inMemory);
  const read = fromFlash.reduce((a, c) => a + c.active, 0);
  return (
    `Token ${run.token} (${tokenLabel(run.tokenText)}), layer ${run.layer}: ${neurons} of ${run.clusters.length * run.clusterSize} neurons fire, ` +
    `in ${firing.length} of ${run.clusters.length} clusters (measured on our model); ${run.cachedClusters} hottest clusters are in memory, ` +
    `so ${read} neuron${read === 1 ? '' : 's'} (${pct(neurons ? read / neurons : 0)} of those needed) in ${fromFlash.length} cluster${fromFlash.length === 1 ? '' : 's'} must be read from flash.`
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
    (Math.abs(s) < 0.0005 ? 'Here the two take the same time.' : `Dropping the matrix boundaries ${s > 0 ? 'saves' : 'costs'} ${pct(Math.abs(s))}.`)
  );
}

/** One task, in words, for keyboard step-through. */
export function taskSentence(t: { lane: Lane; cluster: number; start: number; end: number; thread: 'io' | number }, index: number, count: number): string {
  const who = t.cluster < 0 ? 'all clusters' : `cluster ${t.cluster + 1}`;
  const thread = t.thread === 'io' ? 'the I/O thread' : `compute thread ${Number(t.thread) + 1}`;
  return `Task ${index + 1} of ${count}: ${t.lane} (${LANE_NAMES[t.lane]}) for ${who}, from ${fmtTime(t.start)} to ${fmtTime(t.end)} on ${thread}.`;
}
