// One training loop for every GPT run in the project (scripts/train.ts, scripts/train-lora.ts and the browser
// worker): next-token cross-entropy, Adam on whichever tensors are trainable, the shared learning-rate schedule.
// The caller owns the parameters; the loop owns only its optimizer state (dispose() frees it).
//   const loop = new TrainingLoop({ cfg, params, trainable, schedule: { peak: 2e-3, steps: 600 } });
//   for (...) loop.trainStep(sampler.next());   loop.loss(evenWindows(valIds, 24, T));
import * as tf from '@tensorflow/tfjs';
import type { GPTConfig } from '../config.ts';
import { crossEntropy, forwardTensors, type ForwardTensorOptions, type Params } from '../gpt.ts';
import { createAdam, setLearningRate } from './adam.ts';
import type { Batch } from './batches.ts';
import { learningRate, type Schedule } from './schedule.ts';

export interface TrainingLoopOptions {
  cfg: GPTConfig;
  /** Every tensor the forward pass reads, frozen ones included; trainable ones are taken from `trainable`. */
  params: Params;
  /** The tensors Adam updates, by name (model parameters such as "h.0.mlp.up.weight", or adapter matrices). */
  trainable: Record<string, tf.Variable>;
  schedule: Schedule;
  /** Extra forward options built inside the differentiated function (e.g. LoRA's additions from its variables). */
  forwardOptions?: () => ForwardTensorOptions;
  /**
   * Embed by one-hot matmul. Default: only when the embedding itself is trained on wasm, whose gather has no
   * gradient; a frozen embedding is off the gradient's path, so gather is fine.
   */
  oneHotEmbed?: boolean;
  betas?: [number, number];
}

export interface StepResult {
  step: number;
  loss: number;
  learningRate: number;
}

export class TrainingLoop {
  /** Steps taken so far. */
  step = 0;
  private readonly opts: TrainingLoopOptions;
  private readonly optimizer: tf.AdamOptimizer;
  private readonly varList: tf.Variable[];

  constructor(opts: TrainingLoopOptions) {
    this.opts = opts;
    this.optimizer = createAdam(opts.schedule.peak, ...(opts.betas ?? []));
    this.varList = Object.values(opts.trainable);
    if (this.varList.length === 0) throw new Error('TrainingLoop: nothing to train');
  }

  /** The number of trainable values. */
  get trainableCount(): number {
    return this.varList.reduce((n, v) => n + v.size, 0);
  }

  /** One Adam step on `batch`; returns the batch's mean loss before the update. */
  trainStep(batch: Batch): StepResult {
    const step = this.step + 1;
    const lr = learningRate(step, this.opts.schedule);
    setLearningRate(this.optimizer, lr);
    const oneHot = this.opts.oneHotEmbed ?? ('wte.weight' in this.opts.trainable && tf.getBackend() === 'wasm');
    const { x, y } = this.tensors(batch);
    const loss = this.optimizer.minimize(() => this.batchLoss(x, y, oneHot), true, this.varList)!;
    const value = loss.dataSync()[0];
    tf.dispose([x, y, loss]);
    this.step = step;
    return { step, loss: value, learningRate: lr };
  }

  /** Mean loss (nats/token) over fixed batches, e.g. evenWindows of a held-out text. No gradient. */
  loss(batches: Batch[]): number {
    let total = 0,
      rows = 0;
    for (const b of batches) {
      total +=
        tf.tidy(() => {
          const { x, y } = this.tensors(b);
          return this.batchLoss(x, y, false).dataSync()[0];
        }) * b.B;
      rows += b.B;
    }
    return total / rows;
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private batchLoss(x: tf.Tensor2D, y: tf.Tensor2D, oneHotEmbed: boolean): tf.Scalar {
    const params = { ...this.opts.params, ...this.opts.trainable };
    const extra = this.opts.forwardOptions?.() ?? {};
    const embedding = oneHotEmbed ? 'oneHot' : 'gather';
    return crossEntropy(forwardTensors(this.opts.cfg, params, x, { ...extra, embedding }).logits, y);
  }

  private tensors(b: Batch): { x: tf.Tensor2D; y: tf.Tensor2D } {
    return { x: tf.tensor2d(b.x, [b.B, b.T], 'int32'), y: tf.tensor2d(b.y, [b.B, b.T], 'int32') };
  }
}
