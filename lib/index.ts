// The library's one entry (`import { loadModel, sparsity } from` this file). The core (model,
// tokenizer, loading, decoding, sampling, evaluation, file formats, shared helpers) is exported by name; each module is
// a namespace, so `sparsity.placeNeurons` and `offload.evaluatePlacement` say where they come from. Plain arrays in
// and out; tensors stay inside (lib/gpt.ts, the tensor-level forward pass, is not exported). No DOM is needed to import
// it; the Node-only file storage is imported from lib/storage/node-file.ts directly, so browser bundles never see
// node:fs. lib/README.md maps each module to its paper, lesson, widgets and worker handlers.
export {
  PRESETS,
  parameterCount,
  parameterShapes,
  linearNames,
  validateConfig,
  type GPTConfig,
  type PresetName,
} from './config.ts';
export { Tokenizer, learnBPE, type TokenizerJSON } from './tokenizer.ts';
export { LanguageModel, type ForwardOptions, type ForwardResult, type LinearWeights } from './model.ts';
export { KVCache } from './kv-cache.ts';
export { initWeights } from './init.ts';
export { loadModel } from './load.ts';
export {
  fetchWithCache,
  loadThroughCache,
  parseJsonFile,
  MODEL_CACHE_NAME,
  type FetchFile,
  type LoadOptions,
  type LoadProgress,
} from './fetch-file.ts';
export { encodeWeights, decodeWeights, type WeightSpec, type WeightsManifest } from './weights.ts';
export { encodeTensors, decodeTensors, type TensorManifest, type TensorSpec } from './tensor-file.ts';
export { fnv1a, weightsFingerprint } from './fingerprint.ts';
export {
  generate,
  Decoder,
  describeToken,
  drainTokens,
  type TokenStream,
  type DrainOptions,
  type DecodeOptions,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedToken,
} from './generate.ts';
export { evaluate, type LossEvaluation } from './evaluate.ts';
export { argmax, softmax, samplingDistribution, sampleFrom, topEntries, type SamplingOptions } from './sampling.ts';
export { chooseBackend, type BackendName, type BackendChoice } from './backend.ts';
export {
  decideBackend,
  isSoftwareRenderer,
  parseRemembered,
  type BackendDecision,
  type BackendTiming,
  type RememberedBackend,
} from './backend-choice.ts';
export { benchDecode, CONTEXT as BENCH_CONTEXT, type DecodeBench } from './bench.ts';
export { mulberry32, randn, randInt } from './random.ts';
export { median, totalVariation, binomialMeanAbsDeviation, samplingNoiseTV } from './stats.ts';
export { timePerCall, msPerCall, type TimingOptions } from './timing.ts';
export { popcount, fnv1aUpdate, FNV_OFFSET, bytesOf } from './bits.ts';

// Lesson 1's vector-matrix product, in plain JavaScript (vecmat) and in tfjs (vecmatTf).
export * as vecmat from './vecmat.ts';
export * as vecmatTf from './vecmat-tf.ts';

export * as hardware from './hardware/index.ts';
export * as storage from './storage/index.ts';
export * as train from './train/index.ts';
export * as sparsity from './sparsity/index.ts';
export * as flash from './flash/index.ts';
export * as quant from './quant/index.ts';
export * as lora from './lora/index.ts';
export * as offload from './offload/index.ts';
export * as speculative from './speculative/index.ts';
export * as engine from './engine/index.ts';
export * as capstone from './capstone/index.ts';
