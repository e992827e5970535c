// Lesson 9, everything at once: int4 weights, a sparse FFN read from a store, and token trees verified in one pass,
// on one model. The pieces are lessons 2–8's (lib/engine, lib/flash, lib/sparsity, lib/speculative, lib/quant);
// this module only plugs them together behind one options object and measures the combination.
export {
  validateCapstoneOptions,
  capstoneLabel,
  allCombinations,
  PLAIN_FROM_FLASH,
  CAPSTONE_WINDOW_K,
  DEFAULT_SHAPES,
  type CapstoneOptions,
  type CapstoneWeights,
  type CapstoneFfn,
  type CapstoneStorage,
  type CapstoneSpeculation,
} from './options.ts';
export { StoreTarget, NoDraft } from './target.ts';
export { loadCapstoneModels } from './models.ts';
export {
  capstoneGenerate,
  CapstoneDecoder,
  capstoneTotals,
  type CapstoneStep,
  type CapstoneToken,
  type CapstoneClocks,
  capstoneFfn,
  CapstoneStores,
  type CapstoneModels,
  type CapstoneTarget,
  type CapstoneRun,
  type TimeSplit,
} from './decoder.ts';
export { capstoneFidelity, capstoneLoss, type CapstoneFidelity, type CapstoneLoss } from './loss.ts';
export {
  capstoneLadder,
  checkLadder,
  checkRecordedLadder,
  type RecordedLadder,
  LADDER_DEFAULTS,
  runFigures,
  type RunFigures,
  CHECK_TOLERANCE,
  LADDER_GOAL,
  ladderSteps,
  measureCombination,
  unionSweep,
  allSwitchesBelowSpeculation,
  fastestShape,
  type SweepFigures,
  withPricedReads,
  type Ladder,
  type LadderRung,
  type CheckedFigures,
  type RungCheck,
  type MeasureOptions,
  type UnionPoint,
} from './measure.ts';
