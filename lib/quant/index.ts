// lib/quant: group-wise weight quantization (RTN, mixed precision, AWQ), bit packing and the quantized model file.
// Every function works on plain typed arrays; no tfjs and no DOM (calibration runs a LanguageModel you pass in).
export { packBits, unpackBits, packedBytes } from './pack.ts';
export {
  quantizeGroups,
  dequantizeGroups,
  fakeQuantize,
  quantizedBytes,
  groupsPerRow,
  groupZeros,
  type GroupQuantOptions,
  type QuantizedGroups,
} from './group.ts';
export { quantizeMatrix, dequantizeMatrix, fakeQuantizeMatrix, transpose, type QuantizedMatrix } from './matrix.ts';
export { calibrate, calibrationWindows, outputError, type CalibrationStats, type LinearStats } from './calibration.ts';
export { keepCount, salientChannels, quantizeKeeping, type SalientRule } from './salient.ts';
export { awqScales, scaleRows, quantizeScaled, layerError, searchScales, searchClip, type ScaleSearch } from './awq.ts';
export { foldScales } from './fold.ts';
export {
  quantizeModel,
  scaleStats,
  type QuantMethod,
  type QuantizedModel,
  type LayerReport,
} from './quantize-model.ts';
export {
  encodeQuantized,
  decodeQuantized,
  isQuantManifest,
  QUANT_FORMAT,
  QUANT_VERSION,
  type QuantManifest,
} from './file.ts';
export { int4Kernel, matVecInt4, matVecF32, type Int4Kernel } from './matvec.ts';
export { raceInt4, type Int4RaceResult } from './race.ts';
export {
  METHODS,
  BITS,
  GROUP_SIZES,
  QUANT_MODELS,
  QUANT_MODEL_LABELS,
  validateQuantSettings,
  type MethodName,
  type QuantModelName,
} from './settings.ts';
export {
  OUTLIER_RATIO,
  OUTLIER_FRACTION,
  ABLATION_WINDOWS,
  outlierLayers,
  channelAblation,
  mostNeeded,
  chooseOutlierChannels,
  deleteChannels,
  plantOutliers,
  type OutlierModel,
  type OutlierSites,
} from './outliers.ts';
export { pairedBootstrap, withinNoise, type PairedInterval } from './paired.ts';
export {
  methodFor,
  evaluateFp32,
  quantizeAndEvaluate,
  alphaCurve,
  SAMPLE,
  type ExperimentResult,
  type Fp32Result,
  type AlphaPoint,
} from './experiment.ts';
export {
  symmetricStep,
  roundTo,
  scaleOneWeight,
  monteCarloScaling,
  type GroupScaling,
  type MonteCarlo,
} from './microscope.ts';
