import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'TradeoffCurve',
  tag: 'offload-tradeoff',
  urlKey: 'tradeoff',
  params: {
    model: {
      kind: 'choice',
      values: ['opt-30b', 'opt-175b'],
      default: 'opt-175b',
      label: 'Model',
      doc: 'OPT-30B or OPT-175B',
      zh: { label: '模型', doc: 'OPT-30B 或 OPT-175B' },
    },
  },
  controls: ['chart'],
});
