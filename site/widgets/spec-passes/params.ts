// SpecPasses: which decoding the chart of tokens per target pass shows.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'SpecPasses',
  tag: 'spec-passes',
  urlKey: 'passes',
  params: {
    decoding: {
      kind: 'choice',
      values: ['greedy', 'sampled', 'both'],
      default: 'both',
      label: 'Decoding',
      doc: 'greedy, sampled (temperature 1, speculative sampling) or both',
      zh: { label: '解码方式', doc: '贪心、采样（温度 1，投机采样）或两者' },
    },
  },
  controls: ['chart', 'table'],
});
