// Cited device figures and what follows from them, in one place: storage read curves (UFS 4.0, or one measured here),
// a PC's memory bandwidths (PowerInfer's PC-High), the M1 Max flash of LLM in a Flash, FlexGen's T4 machine, the sizes
// of weight vectors, and the INT4 7B pipeline stage costs. Each figure names its source where it is defined. Nothing
// here imports another lib module: the modules that price work on these machines import them.
export {
  UFS_4_0,
  measuredCurve,
  readBandwidth,
  readMs,
  blockRound,
  storageCurvePoints,
  missRead,
  curvesCross,
  type StorageCurve,
  type StorageCurvePoint,
  type ReadPattern,
  type MissRead,
} from './storage-curve.ts';
export { PC_HIGH, PAPER_M1_MAX, INT4_7B_COSTS, type GpuCpuMachine, type StageCosts } from './devices.ts';
export {
  HARDWARE_PRESETS,
  T4_FITTED,
  T4_NOMINAL,
  GiB,
  TFLOP,
  validateOffloadMachine,
  cpuAttnFlops,
  type OffloadMachine,
} from './offload-machine.ts';
export {
  VECTOR_SIZES,
  FP16_7B_VECTOR_BYTES,
  INT4_7B_VECTOR_BYTES,
  vectorBytes,
  neuronBytes,
  type VectorSize,
} from './neuron-bytes.ts';
