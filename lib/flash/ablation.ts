// The paper's Table 2 on our model: each rung of the policy ladder run over the same text with the FFN read from
// the given stores, reporting per-token bytes, reads, DRAM held and I/O time (measured inside the reads, priced on
// the paper's figures, and priced on a storage curve), and the loss change. Used by scripts/measure-flash.ts,
// `npm run bench` and the model worker, so every place reports the same quantities the same way.
import type { LanguageModel } from '../model.ts';
import type { ActivationPredictor } from '../sparsity/predictor.ts';
import type { StorageCurve } from '../hardware/storage-curve.ts';
import { curveIoMs, meanRecord, paperIoMs } from './cost.ts';
import { flashLoss } from './decode.ts';
import { FlashFfn } from './flash-ffn.ts';
import type { FfnLayoutName } from './layout.ts';
import { policyLadder, type PolicyId } from './policy.ts';
import type { FfnWeights, FlashFfnStore } from './store.ts';

export interface AblationRow {
  id: PolicyId;
  label: string;
  select: 'all' | 'exact' | 'predictor';
  layout: FfnLayoutName;
  windowK: number;
  /** Per token, summed over layers. */
  bytes: number;
  reads: number;
  neuronsLoaded: number;
  neuronsChosen: number;
  /** FFN weight bytes held in DRAM between tokens, and at the peak within a token. */
  dramBytes: number;
  dramPeakBytes: number;
  /** Bytes per token ÷ the whole FFN's bytes. */
  shareOfFfn: number;
  /** I/O milliseconds per token: timed around the real reads; priced on the paper's M1 Max; priced on `curve`. */
  readMs: number;
  paperMs: number;
  curveMs: number | null;
  /** Mean next-token loss (nats/token), dense and with this policy. */
  lossDense: number;
  lossFlash: number;
  tokens: number;
}

/** Runs every rung of policyLadder(select, windowK) over `ids` (teacher-forced, windows of the context). */
export function runAblation(
  model: LanguageModel,
  weights: FfnWeights,
  stores: Record<FfnLayoutName, FlashFfnStore>,
  ids: number[],
  opts: { select: 'exact' | 'predictor'; windowK: number; predictor?: ActivationPredictor; curve?: StorageCurve },
): AblationRow[] {
  return policyLadder(opts.select, opts.windowK).map(({ id, label, policy }) => {
    const store = stores[policy.layout];
    const flash = new FlashFfn(store, weights, policy, { predictor: opts.predictor });
    const loss = flashLoss(model, flash, ids);
    const m = meanRecord(loss.records);
    const L = store.layout;
    return {
      id,
      label,
      select: policy.select,
      layout: policy.layout,
      windowK: policy.windowK,
      bytes: m.bytes,
      reads: m.reads,
      neuronsLoaded: m.loaded,
      neuronsChosen: m.selected,
      dramBytes: m.heldAfter * L.neuronBytes,
      dramPeakBytes: m.heldPeak * L.neuronBytes,
      shareOfFfn: m.bytes / (L.nLayer * L.layerBytes),
      readMs: m.readMs,
      paperMs: paperIoMs(m, policy.layout),
      curveMs: opts.curve ? curveIoMs(m, opts.curve) : null,
      lossDense: loss.dense,
      lossFlash: loss.flash,
      tokens: loss.tokens,
    };
  });
}
