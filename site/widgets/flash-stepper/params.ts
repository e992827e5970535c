// FlashStepper's parameters: the prompt, the policy's four toggles (the rungs of the paper's Table 2), where the
// store lives, and how many tokens a Run makes.
import { defineWidget } from '../_kit/params.ts';
import { MAX_WINDOW } from '../../../lib/flash/policy.ts';

export const schema = defineWidget({
  name: 'FlashStepper',
  tag: 'flash-stepper',
  urlKey: 'stepper',
  params: {
    model: {
      kind: 'choice',
      values: ['target-v1', 'draft-v1'],
      default: 'target-v1',
      label: 'Model',
      doc: 'whose FFN is stored; predictor-v1 exists for target-v1 only',
      zh: { label: '模型', doc: '存储其 FFN 的模型；predictor-v1 只为 target-v1 训练过' },
    },
    prompt: {
      kind: 'text',
      maxLength: 2000,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'text the model continues (greedy); cut to the context if too long',
      zh: { label: '提示词', doc: '模型（贪心）续写的文本；过长时截到上下文长度' },
    },
    neurons: {
      kind: 'choice',
      values: ['all', 'predictor', 'exact'],
      default: 'predictor',
      label: 'Neurons read',
      doc: 'all of each FFN; those predictor-v1 picks; or the exact active set (an oracle)',
      zh: { label: '读取的神经元', doc: '每个 FFN 的全部；predictor-v1 选出的；或精确的激活集合（理想情形）' },
    },
    hybrid: {
      kind: 'bool',
      default: false,
      label: 'Hybrid: half of each FFN stays in DRAM',
      doc: "the first half of each layer's neurons loaded once and kept",
      zh: { label: '混合：每个 FFN 的一半常驻内存', doc: '每层前一半神经元只加载一次并一直保留' },
    },
    window: {
      kind: 'int',
      min: 0,
      max: Math.min(MAX_WINDOW, 32),
      default: 5,
      label: 'Window k (tokens kept)',
      doc: 'keep the neurons used by the last k tokens in DRAM; 0 = none',
      zh: { label: '窗口 k（保留的词元数）', doc: '把最近 k 个词元用过的神经元留在内存（DRAM）中；0 = 不保留' },
    },
    budget: {
      kind: 'number',
      min: 0.05,
      max: 1,
      step: 0.05,
      default: 1,
      label: 'DRAM budget (share of each FFN kept between tokens)',
      doc: "most of each layer's neurons kept in DRAM after a token, resident ones included; over it the window drops the least recently used; 1 = no cap",
      zh: {
        label: '内存预算（词元之间保留的 FFN 占比）',
        doc: '每个词元之后每层最多留在内存中的神经元占比，含常驻部分；超出时窗口丢弃最久未用的；1 = 不设上限',
      },
    },
    bundling: {
      kind: 'bool',
      default: true,
      label: 'Row-column bundling',
      doc: 'up column and down row stored together: one read per neuron instead of two',
      zh: { label: '行列捆绑', doc: '上投影列与下投影行存放在一起：每个神经元读一次而不是两次' },
    },
    storage: {
      kind: 'choice',
      values: ['auto', 'memory'],
      default: 'auto',
      label: 'Store the weights in',
      doc: 'auto = OPFS where the browser allows, else memory; memory = always memory',
      zh: { label: '权重存放在', doc: 'auto = 浏览器允许时用 OPFS，否则用内存；memory = 总是用内存' },
    },
    tokens: { kind: 'int', min: 1, max: 64, default: 24, label: 'Tokens per run', zh: { label: '每次运行的词元数' } },
  },
  controls: ['stats', 'text'],
});
