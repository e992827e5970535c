// Offloading for throughput (FlexGen, arXiv 2303.06865): the cost model, the placement LP and its search, schedules
// over the (batch × token × layer) grid, and an executor that runs a real model under the zig-zag block schedule.
// The machine it prices (T4_FITTED, T4_NOMINAL, OffloadMachine) lives with the other cited devices in lib/hardware.
export {
  OPT_SHAPES,
  shapeOf,
  layerWeightBytes,
  weightBytes,
  kvCacheBytes,
  type ModelShape,
  type OptName,
} from './shapes.ts';
export {
  costModel,
  evaluatePlacement,
  validateOffloadPlacement,
  evalLinear,
  FRACTIONS,
  TERMS,
  MEMORY_ROWS,
  COMPRESSED_RATIO,
  type CostModel,
  type CostOptions,
  type OffloadPlacement,
  type Workload,
  type PlacementCost,
  type Term,
  type MemoryRow,
} from './cost-model.ts';
export {
  getHighs,
  solvePlacement,
  searchPolicy,
  placementLP,
  DEFAULT_GBS,
  DEFAULT_NB,
  type PlacementResult,
  type SearchResult,
  type Candidate,
} from './policy-search.ts';
export {
  scheduleOrder,
  simulate,
  zigzagWeightLoads,
  countsInBytes,
  type Grid,
  type Square,
  type ScheduleKind,
  type ScheduleCounts,
} from './schedule.ts';
export {
  runZigzag,
  plainBatchedDecode,
  ZigzagExecutor,
  ZigzagStream,
  type ZigzagOptions,
  type ZigzagResult,
  type ZigzagStep,
  type ZigzagToken,
} from './zigzag-executor.ts';
export { CountingTier } from './tiers.ts';
export {
  FLEXGEN_GROUP,
  fakeQuantizeWeight,
  kvRoundTrip,
  lossWithCompression,
  compressedSizes,
  type CompressionLoss,
} from './compression.ts';
export { PAPER_RUNS, type PaperRun } from './paper.ts';
export {
  solveRequest,
  hardwareFor,
  type SolveRequest,
  type PolicySummary,
  type SolveAnswer,
} from './solve-request.ts';
