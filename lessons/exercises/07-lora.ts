// Lesson 7 (LoRA): the answers of the lesson's exercises, computed with lib/lora and lib/config at build time.
// tests/lessons/exercises.test.ts checks each one against an independent count.
import { PRESETS, parameterCount } from '../../lib/config.ts';
import { loraParameterCount, squareLoraParameterCount, targetsFor } from '../../lib/lora/targets.ts';
import { adamStateBytes } from '../../lib/train/adam.ts';

export const cfg = PRESETS.target;
export const ours = parameterCount(cfg);
const qv = (r: number) => loraParameterCount(cfg, targetsFor(cfg, ['q', 'v']), r);
const all = (r: number) => loraParameterCount(cfg, targetsFor(cfg, ['q', 'k', 'v', 'o', 'up', 'down']), r);

/** W_q and W_v at rank 16 on our model: trainable numbers. */
export const qvRank16 = { rank: 16, answer: qv(16) };

/** GPT-3 175B (96 layers, d_model 12,288), W_q and W_v at rank 2: the adapter's bytes in fp16. */
export const gpt3Rank2Fp16 = {
  rank: 2,
  layers: 96,
  dModel: 12288,
  answer: 2 * squareLoraParameterCount(12288, 2 * 96, 2),
};

/** Adam's state for W_q, W_v at rank 8 against full fine-tuning: how many times smaller. */
export const adamRatio = {
  rank: 8,
  full: adamStateBytes(ours),
  lora: adamStateBytes(qv(8)),
  answer: adamStateBytes(ours) / adamStateBytes(qv(8)),
};

/** LoraRank widget: the smallest rank at which adapting all six matrices trains at least 5% of the model. */
const SHARE = 0.05;
const smallest = Array.from({ length: 64 }, (_, i) => i + 1).find((r) => all(r) >= SHARE * ours);
if (smallest === undefined) throw new Error('no rank up to 64 adapts 5% of the model');
export const fivePercentRank = {
  share: SHARE,
  answer: smallest,
  below: all(smallest - 1) / ours,
  at: all(smallest) / ours,
};

export { bytes, count, percent, sig } from '../../site/widgets/_kit/format.ts';
