// The inference library's public surface: plain arrays in and out, tensors kept inside.
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
export {
  loadModel,
  fetchWithCache,
  loadThroughCache,
  MODEL_CACHE_NAME,
  type FetchFile,
  type LoadOptions,
  type LoadProgress,
} from './load.ts';
export {
  generate,
  Decoder,
  type DecodeOptions,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedToken,
} from './generate.ts';
export { evaluate, type Evaluation } from './evaluate.ts';
export { argmax, softmax, samplingDistribution, sampleFrom, topEntries, type SamplingOptions } from './sampling.ts';
export { chooseBackend, type BackendName, type BackendChoice } from './backend.ts';
export { mulberry32, randn } from './random.ts';
