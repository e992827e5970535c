// The lean engine (lib/engine) as a TreeRunner for speculative decoding: a draft step on a few tokens is a few
// hundred thousand multiply-adds, and in tfjs the fixed cost of dispatching ~60 small ops dominates it, while the
// engine's kernels have no per-op cost, so drafting gets cheap enough to pay for itself. The block, the kernels and
// the KV cache are the engine's; this name stays for the callers that drive a draft model.
import { type EngineOptions, LeanEngine } from '../engine/engine.ts';
import { engineInputs } from '../engine/index.ts';
import type { LoraAdapter } from '../lora/adapter.ts';
import type { LanguageModel } from '../model.ts';

export class LeanRunner extends LeanEngine {
  /** The engine with `model`'s weights (SIMD kernels where available); refuses a model with an unmerged adapter
   *  attached unless the adapter is passed (see leanEngine). */
  constructor(model: LanguageModel, opts: EngineOptions & { adapter?: LoraAdapter } = {}) {
    super(...engineInputs(model, opts));
  }
}
