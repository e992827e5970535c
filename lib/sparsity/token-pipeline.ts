// One token through one FFN layer on a phone, PowerInfer-2 style: which neuron clusters fire (measured, from our
// model's activation trace), what each cluster's five stages would cost (simulated from PowerInfer-2's figures,
// pipeline.ts), and two schedules: matrix-level (matrix-schedule.ts) and cluster-level (schedulePipeline).
import type { LanguageModel } from '../model.ts';
import { INT4_7B_COSTS } from '../hardware/devices.ts';
import { readMs } from '../hardware/storage-curve.ts';
import { matrixLevelSchedule } from './matrix-schedule.ts';
import { clusterWorkFromTrace, schedulePipeline, type ClusterWork, type PipelineSchedule } from './pipeline.ts';
import type { ActivationProfile } from './profile.ts';
import { activeNeurons } from './trace.ts';

/** Neurons per cluster (clusterWorkFromTrace's default): 16 clusters of a 512-neuron layer. */
export const CLUSTER_SIZE = 32;

export interface TokenPipelineSettings {
  /** Which token of the profiled text (from 0). */
  token: number;
  /** Which layer (from 0). */
  layer: number;
  /** Share of clusters (hottest first) already in memory: their reads are skipped. */
  cached: number;
  /** Compute threads; there is always one I/O thread. */
  threads: number;
}

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
export function fitToTrace<V extends Pick<TokenPipelineSettings, 'token' | 'layer'>>(
  v: V,
  tokens: number,
  nLayer: number,
): { values: V; notes: string[] } {
  const notes: string[] = [];
  const values = { ...v };
  if (values.token > tokens - 1) {
    notes.push(`Token ${v.token} is past the ${tokens} tokens profiled, so token ${tokens - 1} is shown.`);
    values.token = tokens - 1;
  }
  if (values.layer > nLayer - 1) {
    notes.push(
      `Layer ${v.layer} does not exist (the model has ${nLayer}, from layer 0), so layer ${nLayer - 1} is shown.`,
    );
    values.layer = nLayer - 1;
  }
  return { values, notes };
}

/** Both schedules for one token and layer of `profile` (which must come from `text` on `model`). */
export function pipelineForToken(
  model: LanguageModel,
  profile: ActivationProfile,
  text: string,
  v: TokenPipelineSettings,
): PipelineRun {
  const { values } = fitToTrace(v, profile.tokens, profile.nLayer);
  const { token, layer } = values;
  const F = profile.nFfn;
  const nClusters = Math.ceil(F / CLUSTER_SIZE);
  const cachedClusters = Math.round(values.cached * nClusters);
  const frequency = profile.layers[layer].frequency;
  const work = clusterWorkFromTrace(profile.trace, token, layer, {
    clusterSize: CLUSTER_SIZE,
    frequency,
    cachedClusters,
  });
  const rank = new Int32Array(F);
  profile.layers[layer].hotOrder.forEach((i, k) => {
    rank[i] = k;
  });
  const clusters: ClusterActivity[] = Array.from({ length: nClusters }, (_, c) => ({
    active: 0,
    size: Math.min(CLUSTER_SIZE, F - c * CLUSTER_SIZE),
    inMemory: c < cachedClusters,
  }));
  for (const i of activeNeurons(profile.trace, token, layer)) clusters[Math.floor(rank[i] / CLUSTER_SIZE)].active++;
  const ids = model.tokenizer.encode(text).slice(0, profile.tokens);
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
    cluster: schedulePipeline(work, { computeThreads: values.threads, mode: 'cluster' }),
    readMs: readMs(INT4_7B_COSTS.gateReadBytes),
    computeMsPerVector: INT4_7B_COSTS.computeMsPerVector,
  };
}

/** Share of the needed neurons at which reading the missing ones takes as long as computing all of them (modelled). */
export function breakEvenMissShare(): number {
  // A needed neuron costs three vector computations (gate, up, down); a missing one two reads (gate, then up+down).
  return (
    (3 * INT4_7B_COSTS.computeMsPerVector) / (readMs(INT4_7B_COSTS.gateReadBytes) + readMs(INT4_7B_COSTS.udReadBytes))
  );
}

/** Share of the needed neurons read from storage (not held in the neuron cache) in a run. */
export function storageReadShare(run: Pick<PipelineRun, 'clusters'>): number {
  const all = run.clusters.reduce((a, c) => a + c.active, 0);
  return all ? run.clusters.reduce((a, c) => a + (c.inMemory ? 0 : c.active), 0) / all : 0;
}

/** How much shorter the cluster-level schedule is, as a share of the matrix-level one. */
export function saving(run: Pick<PipelineRun, 'matrix' | 'cluster'>): number {
  const s = run.matrix.totalMs > 0 ? 1 - run.cluster.totalMs / run.matrix.totalMs : 0;
  return Math.abs(s) < 1e-9 ? 0 : s; // rounding of equal schedules
}
