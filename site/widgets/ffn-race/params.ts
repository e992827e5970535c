// FfnRace's parameters: which layer, how many neurons to compute, how many timed runs.
import { defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'FfnRace',
  tag: 'ffn-race',
  urlKey: 'race',
  params: {
    layer: {
      kind: 'int',
      min: 0,
      max: 7,
      default: 0,
      label: 'Layer',
      doc: 'layer raced, from 0 (clamped to the model)',
      zh: { label: '层', doc: '参加比较的层，从 0 开始（超出模型时取最后一层）' },
    },
    exact: {
      kind: 'bool',
      default: true,
      label: 'Compute exactly the neurons that fire',
      doc: 'true: the measured sparsity; false: use `sparsity`',
      zh: { label: '只计算真正激活的神经元', doc: 'true：用实测的稀疏度；false：用 `sparsity`' },
    },
    sparsity: {
      kind: 'number',
      min: 0,
      max: 0.99,
      default: 0.9,
      label: 'Or skip this share of neurons (the least active ones)',
      doc: 'share of neurons skipped when `exact` is false',
      zh: { label: '或跳过这一比例的神经元（最不活跃的那些）', doc: '`exact` 为 false 时跳过的神经元比例' },
    },
    repeats: {
      kind: 'int',
      min: 1,
      max: 25,
      default: 7,
      label: 'Timed runs per side',
      doc: 'the median is shown',
      zh: { label: '每一方的计时次数', doc: '显示其中位数' },
    },
  },
  controls: ['sweep', 'chart'],
});
export type RaceValues = Values<typeof schema.params>;
