// VecMatScale's parameters: the shape of W, the share of zeros in x, the seed and how many timed runs.
import { defineWidget, type Values } from '../_kit/params.ts';

export const MAX_DIM = 4096;

export const schema = defineWidget({
  name: 'VecMatScale',
  tag: 'vecmat-scale',
  urlKey: 'vecscale',
  params: {
    n: {
      kind: 'int',
      min: 1,
      max: MAX_DIM,
      default: 1024,
      label: 'n (rows of W)',
      doc: 'length of x and rows of W',
      zh: { label: 'n（W 的行数）', doc: 'x 的长度，也是 W 的行数' },
    },
    m: {
      kind: 'int',
      min: 1,
      max: MAX_DIM,
      default: 1024,
      label: 'm (columns of W)',
      doc: 'columns of W and length of y',
      zh: { label: 'm（W 的列数）', doc: 'W 的列数，也是 y 的长度' },
    },
    zeros: {
      kind: 'number',
      min: 0,
      max: 1,
      default: 0.9,
      label: 'Zeros in x',
      doc: 'share of zeros in x, in [0, 1]',
      zh: { label: 'x 中的零值', doc: 'x 中零值的比例，取值 [0, 1]' },
    },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed', zh: { label: '随机种子' } },
    repeats: {
      kind: 'int',
      min: 1,
      max: 25,
      default: 5,
      label: 'Timed runs per method',
      doc: 'the median is shown',
      zh: { label: '每种方法的计时次数', doc: '显示其中位数' },
    },
  },
  controls: ['sweep', 'chart'],
});
export type VecscaleValues = Values<typeof schema.params>;
