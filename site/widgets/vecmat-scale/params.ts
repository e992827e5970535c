// VecMatScale's parameters: the shape of W, the share of zeros in x, the seed and how many timed runs.
import { defineWidget, type Values } from '../_kit/params.ts';

export const MAX_DIM = 4096;

export const schema = defineWidget({
  name: 'VecMatScale',
  tag: 'vecmat-scale',
  urlKey: 'vecscale',
  params: {
    n: { kind: 'int', min: 1, max: MAX_DIM, default: 1024, label: 'n (rows of W)', doc: 'length of x and rows of W' },
    m: {
      kind: 'int',
      min: 1,
      max: MAX_DIM,
      default: 1024,
      label: 'm (columns of W)',
      doc: 'columns of W and length of y',
    },
    zeros: { kind: 'number', min: 0, max: 1, default: 0.9, label: 'Zeros in x', doc: 'share of zeros in x, in [0, 1]' },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed' },
    repeats: { kind: 'int', min: 1, max: 25, default: 5, label: 'Timed runs per method', doc: 'the median is shown' },
  },
  controls: ['sweep', 'chart'],
});
export type VecscaleValues = Values<typeof schema.params>;
