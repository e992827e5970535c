// Adam as the project trains with it: tfjs's AdamOptimizer with GPT-style betas (0.9, 0.95), plus the one thing
// tfjs hides, changing the learning rate between steps. Adam keeps two float32 moments per trainable number,
// which is why freezing weights (LoRA) saves optimizer memory.
import * as tf from '@tensorflow/tfjs';

// The state's size is plain arithmetic in its own file, so a page can show it without bundling tfjs.
export { adamStateBytes } from './adam-state.ts';

export const ADAM_BETAS = [0.9, 0.95] as const;

export function createAdam(
  learningRate: number,
  beta1: number = ADAM_BETAS[0],
  beta2: number = ADAM_BETAS[1],
): tf.AdamOptimizer {
  return tf.train.adam(learningRate, beta1, beta2) as tf.AdamOptimizer;
}

/** Sets the step size for the next minimize() (tfjs reads the field on every step). */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  (opt as unknown as { learningRate: number }).learningRate = lr;
}
