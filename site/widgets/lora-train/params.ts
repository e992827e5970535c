// LoraTrain's parameters: the adapter (rank, alpha, matrices), the run (steps, learning rate, seed), the text it
// learns (the State of the Union corpus or the reader's own), and the prompt its voice samples continue.
import { defineWidget } from '../_kit/params.ts';
import { MATRIX_CHOICES } from '../lora-rank/params.ts';

export const schema = defineWidget({
  name: 'LoraTrain',
  tag: 'lora-train',
  urlKey: 'train',
  params: {
    r: { kind: 'int', min: 1, max: 16, default: 8, label: 'Rank r', doc: 'adapter rank, 1 to 16' },
    alpha: {
      kind: 'number',
      min: 0.5,
      max: 256,
      step: 0.5,
      default: 8,
      label: 'α (scale α/r)',
      doc: 'the update is scaled by α/r',
    },
    matrices: {
      kind: 'choice',
      values: MATRIX_CHOICES,
      default: 'ffn',
      label: 'Adapted matrices',
      doc: "as in LoraRank: ffn (the FFN's up and down, lora-sotu-v2's voice), qv (lora-sotu-v1), q, k, v, o, qk, qkvo, all",
    },
    steps: {
      kind: 'int',
      min: 10,
      max: 1000,
      step: 10,
      default: 150,
      label: 'Steps',
      doc: 'training steps of 4 windows of 64 tokens',
    },
    lr: {
      kind: 'number',
      min: 0.0001,
      max: 0.05,
      step: 0.001,
      default: 0.01,
      label: 'Peak learning rate',
      doc: 'Adam, warm-up then cosine decay',
    },
    seed: { kind: 'int', min: 1, max: 99999, default: 1, label: 'Seed', doc: "A's random start and the batches" },
    corpus: {
      kind: 'choice',
      values: ['sotu', 'text'],
      default: 'sotu',
      label: 'Text to learn',
      doc: 'sotu = State of the Union 2009–2021; text = your own, pasted',
    },
    prompt: {
      kind: 'text',
      maxLength: 200,
      default: 'I think that',
      label: 'Sample prompt',
      doc: 'a neutral prompt (lib/lora/voice.ts): the samples continue it at T 0.8 with fixed seeds',
    },
  },
  controls: ['chart', 'samples'],
});
