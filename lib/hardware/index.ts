// Cited device figures and what follows from them, in one place: storage read curves (UFS 4.0), a PC's memory
// bandwidths (PowerInfer's PC-High), the sizes of weight vectors, and the INT4 7B pipeline stage costs. Each figure
// names its source where it is defined.
export { UFS_4_0, readBandwidth, readMs, blockRound, type StorageModel, type ReadPattern } from '../sparsity/flash.ts';
export { PC_HIGH, NEURON_BYTES, type Hardware } from '../sparsity/placement.ts';
export { INT4_7B_COSTS, type StageCosts } from '../sparsity/pipeline.ts';
export {
  VECTOR_SIZES,
  FP16_7B_VECTOR_BYTES,
  INT4_7B_VECTOR_BYTES,
  vectorBytes,
  neuronBytes,
  type VectorSize,
} from './neuron-bytes.ts';
export { flashCurve, missRead, curvesCross, type FlashCurvePoint, type MissRead } from './flash-curve.ts';
