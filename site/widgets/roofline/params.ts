// Roofline's one parameter: how many tokens the tree-verification pass carries (its arithmetic intensity grows with it).
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'Roofline',
  tag: 'roofline-plot',
  urlKey: 'roofline',
  params: {
    tree: {
      kind: 'int',
      min: 2,
      max: 16,
      step: 1,
      default: 8,
      label: 'Tokens in the tree pass',
      doc: 'nodes of the tree-verification pass, 2 to 16',
      zh: { label: '树前向中的词元数', doc: '树验证前向的节点数，2 到 16' },
    },
  },
  controls: ['chart', 'table'],
});
