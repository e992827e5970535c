// LoraTrain's parameters: the adapter (rank, alpha, matrices), the run (steps, learning rate, seed), the text it
// learns (the State of the Union corpus or the reader's own), and the prompt its voice samples continue.
import { defineWidget } from '../_kit/params.ts';
import { MATRIX_CHOICES } from '../lora-rank/params.ts';

export const schema = defineWidget({
  name: 'LoraTrain',
  tag: 'lora-train',
  urlKey: 'train',
  params: {
    r: {
      kind: 'int',
      min: 1,
      max: 16,
      default: 8,
      label: 'Rank r',
      doc: 'adapter rank, 1 to 16',
      zh: { label: '秩 r', doc: '适配器的秩，1 到 16' },
    },
    alpha: {
      kind: 'number',
      min: 0.5,
      max: 256,
      step: 0.5,
      default: 8,
      label: 'α (scale α/r)',
      doc: 'the update is scaled by α/r',
      zh: { label: 'α（缩放 α/r）', doc: '更新量乘以 α/r' },
    },
    matrices: {
      kind: 'choice',
      values: MATRIX_CHOICES,
      default: 'ffn',
      label: 'Adapted matrices',
      doc: "as in LoraRank: ffn (the FFN's up and down, lora-sotu-v2's voice), qv (lora-sotu-v1), q, k, v, o, qk, qkvo, all",
      zh: {
        label: '适配的矩阵',
        doc: '与 LoraRank 相同：ffn（FFN 的上投影和下投影，即 lora-sotu-v2 的语气）、qv（lora-sotu-v1）、q、k、v、o、qk、qkvo、all',
      },
    },
    steps: {
      kind: 'int',
      min: 10,
      max: 1000,
      step: 10,
      default: 150,
      label: 'Steps',
      doc: 'training steps of 4 windows of 64 tokens',
      zh: { label: '步数', doc: '训练步数，每步 4 个 64 词元的窗口' },
    },
    lr: {
      kind: 'number',
      min: 0.0001,
      max: 0.05,
      step: 0.001,
      default: 0.01,
      label: 'Peak learning rate',
      doc: 'Adam, warm-up then cosine decay',
      zh: { label: '峰值学习率', doc: 'Adam，先预热再余弦衰减' },
    },
    seed: {
      kind: 'int',
      min: 1,
      max: 99999,
      default: 1,
      label: 'Seed',
      doc: "A's random start and the batches",
      zh: { label: '随机种子', doc: 'A 的随机初值和批次顺序' },
    },
    corpus: {
      kind: 'choice',
      values: ['sotu', 'text'],
      default: 'sotu',
      label: 'Text to learn',
      doc: 'sotu = State of the Union 2009–2021; text = your own, pasted',
      zh: { label: '要学习的文本', doc: 'sotu = 2009–2021 年的国情咨文；text = 你自己粘贴的文本' },
    },
    prompt: {
      kind: 'text',
      maxLength: 200,
      default: 'I think that',
      label: 'Sample prompt',
      doc: 'a neutral prompt (lib/lora/voice.ts): the samples continue it at T 0.8 with fixed seeds',
      zh: { label: '样本提示词', doc: '一个中性的提示词（lib/lora/voice.ts）：样本以 T 0.8 和固定种子续写它' },
    },
  },
  controls: ['chart', 'samples'],
});
