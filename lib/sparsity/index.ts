// Activation sparsity, PowerInfer and PowerInfer-2 on the project's tiny model: profile which FFN neurons fire,
// predict them, compute only those, place them across a fast and a slow memory, cache them from a phone's UFS storage,
// and schedule the reads. The machines and storage curves they are priced on live in lib/hardware. Plain arrays in and out; tensors stay inside.
export {
  profileActivations,
  hotSetOverlap,
  shareForActivations,
  activationShareOfTop,
  hottestFirst,
  cumulativeShareCurve,
  type ActivationProfile,
  type LayerProfile,
} from './profile.ts';
export {
  activeNeurons,
  activeCount,
  isActive,
  emptyTrace,
  setActive,
  traceFromSets,
  type ActivationTrace,
} from './trace.ts';
export { forEachWindow, type WindowRecord } from './windows.ts';
export {
  ActivationPredictor,
  encodePredictor,
  decodePredictor,
  loadPredictor,
  predictorShapes,
  initPredictorWeights,
  validatePredictorConfig,
  type PredictorConfig,
} from './predictor.ts';
export {
  predictActive,
  evaluatePredictor,
  type ActivePrediction,
  type PredictorEvaluation,
  type PredictionStats,
  type PredictOptions,
} from './predict-active.ts';
export {
  raceSparseFfn,
  chooseActiveSet,
  ffnInHeap,
  preActivations,
  runFfn,
  type HeapFfn,
  sampleFfnInput,
  type RaceOptions,
  type FfnRaceResult,
  type KernelName,
} from './race.ts';
export {
  placeNeurons,
  comparePlacements,
  priceFast,
  minFastNeurons,
  type NeuronPlacement,
  type PlacementMethod,
  type PlacementOptions,
  type LayerTime,
} from './placement.ts';
export { batchUnion, type BatchUnionOptions, type BatchUnionResult } from './batch-union.ts';
export { simulateNeuronCache, type NeuronCacheOptions, type NeuronCacheResult } from './neuron-cache.ts';
export {
  schedulePipeline,
  clusterWorkFromTrace,
  type ClusterWork,
  type PipelineTask,
  type PipelineSchedule,
  type PipelineOptions,
  type PipelineMode,
  type Lane,
  type WorkFromTraceOptions,
} from './pipeline.ts';
export { measureBatch, splitAt, byHotRank, type BatchRun, type BatchSettings, type SplitRow } from './batch-split.ts';
export { cacheSweep, type CachePoint, type CacheSettings } from './cache-sweep.ts';
export { matrixLevelSchedule } from './matrix-schedule.ts';
export {
  pipelineForToken,
  fitToTrace,
  storageReadShare,
  saving,
  breakEvenMissShare,
  CLUSTER_SIZE,
  type PipelineRun,
  type ClusterActivity,
  type TokenPipelineSettings,
} from './token-pipeline.ts';
export { REPLAY_MODEL, REPLAY_TOKENS, REPLAY_CHARS } from './replay-text.ts';
