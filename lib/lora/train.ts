// Training a LoRA adapter against a frozen model with the project's one training loop (lib/train): only the
// adapter's A and B are variables; the base weights are read, never updated. Embedding by gather is fine here,
// because the frozen embedding is off the gradient's path (wasm has no gradient for gather).
import type { LanguageModel } from '../model.ts';
import { BatchSampler, evenWindows, TrainingLoop, type Batch, type StepResult } from '../train/index.ts';
import type { LoraAdapter } from './adapter.ts';

export interface LoraTrainOptions {
  steps: number;
  batchSize: number;
  peakLr: number;
  seed: number;
  /** Tokens per training window; default the model's context. */
  blockSize?: number;
  warmup?: number;
}

export class LoraTrainer {
  readonly loop: TrainingLoop;
  readonly sampler: BatchSampler;
  readonly opts: LoraTrainOptions;

  constructor(model: LanguageModel, adapter: LoraAdapter, trainIds: ArrayLike<number>, opts: LoraTrainOptions) {
    if (model.linearAdd) throw new Error('LoraTrainer: detach the active adapter first (train against the bare base)');
    this.opts = opts;
    const T = opts.blockSize ?? model.config.blockSize;
    this.sampler = new BatchSampler(trainIds, opts.batchSize, T, opts.seed);
    this.loop = new TrainingLoop({
      cfg: model.config,
      params: model.tensors,
      trainable: adapter.variables,
      schedule: { peak: opts.peakLr, steps: opts.steps, warmup: opts.warmup },
      forwardOptions: () => ({ linears: { addToOutput: adapter.linearAdd() } }),
    });
  }

  get done(): boolean {
    return this.loop.step >= this.opts.steps;
  }

  step(): StepResult {
    return this.loop.trainStep(this.sampler.next());
  }

  /** Mean loss with the adapter on fixed batches (e.g. heldOutBatches). */
  loss(batches: Batch[]): number {
    return this.loop.loss(batches);
  }

  dispose(): void {
    this.loop.dispose();
  }
}

/** A fixed held-out set: `windows` windows of the model's context spread over `ids`. */
export function heldOutBatches(
  model: LanguageModel,
  ids: ArrayLike<number>,
  windows = 16,
  T = model.config.blockSize,
): Batch[] {
  return evenWindows(ids, windows, Math.min(T, ids.length - 1));
}
