// LLM in a Flash on our model: the FFN weights on a storage adapter (lib/storage), read per token as a policy says,
// held in DRAM the paper's way, with every read counted. Plain arrays in and out.
export {
  ffnLayout,
  neuronOffsets,
  neuronReads,
  rangeReads,
  encodeLayer,
  LAYOUTS,
  type FfnLayout,
  type FfnLayoutName,
  type ReadRange,
} from './layout.ts';
export {
  FlashFfnStore,
  openStoreOrFallBack,
  ffnWeightsOf,
  fingerprint,
  HEADER_BYTES,
  STORE_FORMAT,
  type FfnWeights,
  type OpenedStore,
} from './store.ts';
export { NeuronBuffer } from './neuron-buffer.ts';
export {
  policyLadder,
  validatePolicy,
  SELECTORS,
  MAX_WINDOW,
  type FlashPolicy,
  type NeuronSelector,
  type PolicyId,
} from './policy.ts';
export { FlashFfn, type TokenRecord } from './flash-ffn.ts';
export {
  FlashDecoder,
  flashGenerate,
  flashLoss,
  type FlashToken,
  type FlashGeneration,
  type FlashLoss,
} from './decode.ts';
export { windowCurve, type WindowCurve } from './windowing.ts';
export { friendBundling, HOT_SHARE, type FriendBundling, type FriendLayer } from './coactivation.ts';
export { PAPER_TABLE_2, paperIoMs, curveIoMs, meanRecord } from './cost.ts';
export { runAblation, type AblationRow } from './ablation.ts';
