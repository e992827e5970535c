// HotColdCurve's parameters: the fast-memory budget and the neuron size it is priced at.
import { defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'HotColdCurve',
  tag: 'hot-cold-curve',
  urlKey: 'hotcold',
  params: {
    budget: {
      kind: 'number',
      min: 0,
      max: 1,
      default: 0.2,
      label: 'GPU memory budget: share of all FFN neurons',
      doc: 'share of all FFN neurons in GPU memory, in [0, 1]',
      zh: {
        label: 'GPU 显存预算：占全部 FFN 神经元的比例',
        doc: '放在 GPU 显存中的 FFN 神经元占全部的比例，取值 [0, 1]',
      },
    },
    size: {
      kind: 'choice',
      values: ['7b', 'ours'],
      default: '7b',
      label: 'Price each neuron as',
      doc: '7b (16 KiB, fp16) or ours (1 KiB, fp32)',
      zh: { label: '每个神经元的大小按', doc: '7b（16 KiB，fp16）或 ours（1 KiB，fp32）' },
    },
  },
  controls: ['chart', 'overlap', 'text'],
});
export type HotColdValues = Values<typeof schema.params>;
