// Every widget a lesson can use, from one import path:
//   import { VecMatViews, VecMatScale } from '../site/widgets/index.ts';
// See README.md in this folder for the pattern each widget follows.

/** y = xW for a 1×3 x and 3×6 W in three views (elements, rows, columns), step by step, with skipping costs. */
export { default as VecMatViews } from './VecMatViews.astro';
/** y = xW at scale in the model worker: reading every row of W vs only the rows of non-zero inputs, timed (tfjs and a plain loop). */
export { default as VecMatScale } from './VecMatScale.astro';
/** One of the site's models continuing a prompt in the worker, token by token, with the top-5 at each step. */
export { default as ModelPlayground } from './ModelPlayground.astro';
/** One number in prose with a badge saying where it comes from: measured on our model, from a paper (cited), or modelled. */
export { default as Stat } from './Stat.astro';
/** How batching melts activation sparsity on our model (union of active neurons vs batch size), with a dense/sparse split. */
export { default as BatchUnion } from './batch-union/BatchUnion.astro';
/** PowerInfer-2's segmented neuron cache replaying our model's activations under a memory budget; flash time simulated. */
export { default as NeuronCacheSim } from './neuron-cache-sim/NeuronCacheSim.astro';
/** PowerInfer-2's five-stage FFN pipeline as a Gantt chart, matrix- vs cluster-level, from our model's firing clusters. */
export { default as PipelineGantt } from './pipeline-gantt/PipelineGantt.astro';
/** Which FFN neurons fire, per token and layer, for the reader's prompt; rows of W_down skipped per token. */
export { default as NeuronHeatmap } from './NeuronHeatmap.astro';
/** Hot and cold neurons: the activation-share curve, a GPU budget with three placements (modelled), hot-set overlap. */
export { default as HotColdCurve } from './HotColdCurve.astro';
/** The activation predictor's recall vs neurons computed, and its cost in loss, per threshold (from its card). */
export { default as PredictorQuality } from './predictor-quality/PredictorQuality.astro';
/** Dense vs sparse FFN for one token, timed in the worker with tfjs gather and the plain-JS neuron kernel. */
export { default as FfnRace } from './FfnRace.astro';
/** LoRA's rank arithmetic: trainable numbers, adapter file and Adam memory for our model and GPT-3 175B, by matrices and r. */
export { default as LoraRank } from './lora-rank/LoraRank.astro';
/** A LoRA fine-tune of target-v1 in the reader's browser: pause/resume/stop (keeping the adapter), loss curves, samples, speed. */
export { default as LoraTrain } from './lora-train/LoraTrain.astro';
/** The shipped LoRA adapters (and the reader's): switch by name, merged or not, same prompt; merged vs unmerged tokens and speed. */
export { default as LoraAdapters } from './lora-adapters/LoraAdapters.astro';
/** What a LoRA update looks like: singular values of ΔW and the paper's Eq. 4 subspace-similarity heatmap between two adapters. */
export { default as LoraSpectrum } from './lora-spectrum/LoraSpectrum.astro';
/** FlexGen's grid walked row-by-row, zig-zag or column-by-column: weight loads, live KV caches, modelled OPT-175B speed. */
export { default as ScheduleAnimator } from './offload-schedule/ScheduleAnimator.astro';
/** FlexGen's policy search (HiGHS LP in the worker) on a T4-like machine with capacity and bandwidth sliders. */
export { default as PolicySolver } from './offload-policy/PolicySolver.astro';
/** Throughput against latency for OPT-30B/175B: the cost model's frontier and the paper's Table 2 points. */
export { default as TradeoffCurve } from './offload-tradeoff/TradeoffCurve.astro';
/** Our model's loss with 4/3-bit group-wise weights and KV cache, and the bytes saved (measured). */
export { default as CompressionLoss } from './offload-compression/CompressionLoss.astro';
