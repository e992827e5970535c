// LoraAdapters' parameters: which adapter (or the bare base), merged or not, and the prompt.
import { defineWidget } from '../_kit/params.ts';

export const ADAPTERS = ['base', 'r1', 'r2', 'r4', 'r8', 'yours'] as const;

export const schema = defineWidget({
  name: 'LoraAdapters',
  tag: 'lora-adapters',
  urlKey: 'adapters',
  params: {
    adapter: {
      kind: 'choice',
      values: ADAPTERS,
      default: 'r4',
      label: 'Adapter',
      doc: 'base = no adapter; r1–r8 = the shipped State of the Union adapters; yours = the one you trained with LoraTrain',
      zh: {
        label: '适配器',
        doc: 'base = 不加适配器；r1–r8 = 随站点发布、在国情咨文上训练的适配器；yours = 你用 LoraTrain 训练的适配器',
      },
    },
    merged: {
      kind: 'bool',
      default: false,
      label: 'Merge into the weights',
      doc: 'W = W0 + (α/r)·AB instead of computing the adapter beside W0',
      zh: { label: '合并进权重', doc: 'W = W0 + (α/r)·AB，而不是在 W0 旁单独计算适配器' },
    },
    prompt: { kind: 'text', maxLength: 300, default: 'My fellow Americans,', label: 'Prompt', zh: { label: '提示词' } },
    tokens: {
      kind: 'int',
      min: 8,
      max: 64,
      default: 32,
      label: 'New tokens',
      doc: 'greedy, 8 to 64',
      zh: { label: '新词元数', doc: '贪心，8 到 64' },
    },
  },
  controls: ['table', 'compare'],
});
