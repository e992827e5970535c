// LoRA (Hu et al., arXiv 2106.09685): adapters on a frozen model, their file format, merging, training, analysis,
// and a classifier that tells whether what an adapted model writes reads like the speeches or the novel.
export { LoraAdapter, validateLoraSpec, MAX_RANK, type LoraSpec, type BaseModelId } from './adapter.ts';
export {
  resolveTarget,
  targetsFor,
  loraParameterCount,
  squareLoraParameterCount,
  KINDS,
  type Kind,
  type Target,
} from './targets.ts';
export { AdapterSet, baseModelId } from './adapter-set.ts';
export { mergeAdapter, unmergeAdapter } from './merge.ts';
export {
  encodeAdapter,
  decodeAdapter,
  loadAdapter,
  validateAdapterBase,
  LORA_FILE_VERSION,
  type AdapterHeader,
} from './file.ts';
export { LoraTrainer, heldOutBatches, type LoraTrainOptions } from './train.ts';
export { deltaSingularValues, subspaceSimilarity, compareWithBase, targetWeight, type Table7Row } from './analysis.ts';
export { svd, type SVD } from './svd.ts';
export {
  VoiceClassifier,
  voiceScore,
  wordProbability,
  chunks,
  NEUTRAL_PROMPTS,
  type Voice,
  type VoiceSample,
  type VoiceScoreOptions,
  type VoiceClassifierOptions,
} from './voice.ts';
export { encodeVoiceCounts, decodeVoiceCounts } from './voice-file.ts';
