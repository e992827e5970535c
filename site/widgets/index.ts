// Every widget a lesson can use, from one import path:
//   import { VecMatViews, VecMatScale } from '../site/widgets/index.ts';
// See README.md in this folder for the pattern each widget follows.

/** y = xW for a 1×3 x and 3×6 W in three views (elements, rows, columns), step by step, with skipping costs. */
export { default as VecMatViews } from './vecmat-views/VecMatViews.astro';
/** y = xW at scale in the model worker: reading every row of W vs only the rows of non-zero inputs, timed (tfjs and a plain loop). */
export { default as VecMatScale } from './vecmat-scale/VecMatScale.astro';
/** One of the site's models continuing a prompt in the worker, token by token, with the top-5 at each step. */
export { default as ModelPlayground } from './model-playground/ModelPlayground.astro';
/** One number in prose with a badge saying where it comes from: measured on our model, from a paper (cited), or modelled. */
export { default as Stat } from './stat/Stat.astro';
/** How batching melts activation sparsity on our model (union of active neurons vs batch size), with a dense/sparse split. */
export { default as BatchUnion } from './batch-union/BatchUnion.astro';
/** PowerInfer-2's segmented neuron cache replaying our model's activations under a memory budget; flash time simulated. */
export { default as NeuronCacheSim } from './neuron-cache-sim/NeuronCacheSim.astro';
/** PowerInfer-2's five-stage FFN pipeline as a Gantt chart, matrix- vs cluster-level, from our model's firing clusters. */
export { default as PipelineGantt } from './pipeline-gantt/PipelineGantt.astro';
/** Which FFN neurons fire, per token and layer, for the reader's prompt; rows of W_down skipped per token. */
export { default as NeuronHeatmap } from './neuron-heatmap/NeuronHeatmap.astro';
/** Hot and cold neurons: the activation-share curve, a GPU budget with three placements (modelled), hot-set overlap. */
export { default as HotColdCurve } from './hot-cold-curve/HotColdCurve.astro';
/** The activation predictor's recall vs neurons computed, and its cost in loss, per threshold (from its card). */
export { default as PredictorQuality } from './predictor-quality/PredictorQuality.astro';
/** Dense vs sparse FFN for one token, timed in the worker on the engine's plain-JS and SIMD kernels and tfjs gather. */
export { default as FfnRace } from './ffn-race/FfnRace.astro';
/** Read throughput against read size: the build machine's, the reader's (OPFS, measured live), the paper's M1 Max. */
export { default as FlashStorage } from './flash-storage/FlashStorage.astro';
/** Our model generating with its FFN read from storage under LLM in a Flash's policies, every read counted. */
export { default as FlashStepper } from './flash-stepper/FlashStepper.astro';
/** Windowing: the neurons the last k tokens keep in DRAM, what the next token must load, and Δ_load(k) on our model. */
export { default as FlashWindow } from './flash-window/FlashWindow.astro';
/** Bundling on our model: up/down apart, row-column bundles, closest-friend bundles (the paper's negative result). */
export { default as FlashBundling } from './flash-bundling/FlashBundling.astro';
/** LoRA's rank arithmetic: trainable numbers, adapter file and Adam memory for our model and GPT-3 175B, by matrices and r. */
export { default as LoraRank } from './lora-rank/LoraRank.astro';
/** A LoRA fine-tune of target-v1 in the reader's browser: pause/resume/stop (keeping the adapter), loss curves, samples, speed. */
export { default as LoraTrain } from './lora-train/LoraTrain.astro';
/** The shipped LoRA adapters (and the reader's): switch by name, merged or not, same prompt; merged vs unmerged tokens and speed. */
export { default as LoraAdapters } from './lora-adapters/LoraAdapters.astro';
/** What a LoRA update looks like: singular values of ΔW and the paper's Eq. 4 subspace-similarity heatmap between two adapters. */
export { default as LoraSpectrum } from './lora-spectrum/LoraSpectrum.astro';
/** FlexGen's grid walked row-by-row, zig-zag or column-by-column: weight loads, live KV caches, modelled OPT-175B speed. */
export { default as ScheduleAnimator } from './schedule-animator/ScheduleAnimator.astro';
/** FlexGen's policy search (HiGHS LP in the worker) on a T4-like machine with capacity and bandwidth sliders. */
export { default as PolicySolver } from './policy-solver/PolicySolver.astro';
/** Throughput against latency for OPT-30B/175B: the cost model's frontier and the paper's Table 2 points. */
export { default as TradeoffCurve } from './tradeoff-curve/TradeoffCurve.astro';
/** Our model's loss with 4/3-bit group-wise weights and KV cache, and the bytes saved (measured). */
export { default as CompressionLoss } from './compression-loss/CompressionLoss.astro';
/** Token trees on our pair: draft top-k hit rates (Table 1 in miniature) and tokens per target pass by tree shape, measured. */
export { default as SpecPasses } from './spec-passes/SpecPasses.astro';
/** Speculative sampling at one node: target vs draft bars, one draw with its residual, 10,000 runs against the target's distribution. */
export { default as SpecSampling } from './spec-sampling/SpecSampling.astro';
/** Plain vs speculative greedy decoding of the same prompt in the reader's browser: identical text, tokens per second of each. */
export { default as SpecRace } from './spec-race/SpecRace.astro';
/** Token trees drafted by draft-v1 and verified by target-v1 in one tree-masked pass: nodes, mask grid, accepted path, step by step. */
export { default as SpecTree } from './spec-tree/SpecTree.astro';
/** Quantize target-v1 yourself (bits, group size, RTN / keep 1% / AWQ) in the worker: held-out loss, greedy sample, file size. */
export { default as QuantizeIt } from './quantize-it/QuantizeIt.astro';
/** AWQ's α search on one layer of target-v1: output error against α, and how the groups' steps change. */
export { default as AlphaSlider } from './alpha-slider/AlphaSlider.astro';
/** One quantization group on a number line with one weight scaled by s, and a 10,000-group Monte Carlo (AWQ Eq. 2–3). */
export { default as ErrorMicroscope } from './error-microscope/ErrorMicroscope.astro';
/** int4 vs fp32 matrix-vector product, small (in cache) and large (4096 x 4096), timed in the reader's browser. */
export { default as Int4Race } from './int4-race/Int4Race.astro';
/** The reader's roofline: compute and memory roofs measured in the browser, with target-v1's decode passes on it. */
export { default as Roofline } from './roofline/Roofline.astro';
/** Build your decoder (lesson 9): lib/capstone's switches run target-v1 in the worker, FFN on OPFS; streamed tokens, time split, your runs. */
export { default as CapstoneDecoder } from './capstone-decoder/CapstoneDecoder.astro';
