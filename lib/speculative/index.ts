// Speculative decoding with token trees (SpecInfer, arXiv 2305.09781): the draft guesses a tree, the target checks
// every branch in one forward pass, the output is the target's own.
export {
  type TokenTree,
  type TreeNode,
  rootTree,
  addChild,
  childrenOf,
  pathTo,
  pathTokens,
  ancestorMatrix,
  treeMask,
  treePositions,
  treeDepth,
} from './token-tree.ts';
export {
  type TreeShape,
  parseTreeShape,
  formatTreeShape,
  expansionNodes,
  shapeNodes,
  MAX_TREE_NODES,
  MAX_TREE_DEPTH,
} from './tree-shape.ts';
export { type Chance, seededChance } from './chance.ts';
export { type TreeRunner, type RunOptions, TfjsRunner } from './runner.ts';
export { draftTree, type DraftOptions, type DraftedTree } from './draft-tree.ts';
export {
  verifyGreedy,
  verifyStochastic,
  verifyNaive,
  speculativeSampleNode,
  residual,
  type Verdict,
  type NodeTrial,
} from './verify.ts';
export { LeanRunner } from './lean-gpt.ts';
export { sampleNode, mssAcceptProbability, naiveAcceptProbability, type NodeSamplingResult } from './node-sampling.ts';
export { stepView, type StepView, type StepNodeView } from './step-view.ts';
export { SpeculativeSession, type SpeculativeOptions, type SpecStep } from './session.ts';
export {
  SpeculativeDecoder,
  speculativeGenerate,
  type SpeculativeDecodeOptions,
  type SpeculativeGenerateOptions,
  type SpeculativeGenerateResult,
  type SpecToken,
} from './speculative-decoder.ts';
export {
  topKHitRates,
  tokensPerPass,
  raceDecoding,
  nodeDistributions,
  passCost,
  type TopKHitRates,
  type PassesResult,
  type SpecRaceResult,
  type PassCost,
} from './measure.ts';
export {
  measurePass,
  measureDecodePoints,
  type RooflinePoint,
  type DecodePointsOptions,
} from './roofline-points.ts';
export {
  REGIMES,
  type Regime,
  type RegimeRace,
  StoredWeightsRunner,
  regimeTarget,
  raceRegime,
  raceRunners,
  type RegimeRaceOptions,
  promptPassClock,
  speculativeGreedy,
  plainGreedy,
} from './regimes.ts';
