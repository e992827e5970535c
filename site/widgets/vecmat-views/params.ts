// VecMatViews's parameters: the input x, the matrix W (seeded, or given), the view, and outputs marked known zero.
import { defineWidget, type Values } from '../_kit/params.ts';

export const N = 3;
export const M = 6;
export const LIMIT = 9;

export const schema = defineWidget({
  name: 'VecMatViews',
  tag: 'vecmat-views',
  urlKey: 'vecmat',
  params: {
    x: {
      kind: 'list',
      length: N,
      min: -LIMIT,
      max: LIMIT,
      default: [2, 0, 1],
      label: 'x',
      doc: `${N} comma-separated numbers in [-${LIMIT}, ${LIMIT}]`,
      zh: { label: 'x', doc: `${N} 个以逗号分隔的数，取值 [-${LIMIT}, ${LIMIT}]` },
    },
    w: {
      kind: 'list',
      length: N * M,
      min: -LIMIT,
      max: LIMIT,
      label: 'W',
      doc: `${N * M} numbers row by row (replaces the seeded W for \`seed\`)`,
      zh: { label: 'W', doc: `按行排列的 ${N * M} 个数（替换由 \`seed\` 生成的 W）` },
    },
    seed: {
      kind: 'int',
      min: 0,
      max: 99999,
      default: 1,
      label: 'Seed',
      doc: 'the seeded W',
      zh: { label: '随机种子', doc: '生成 W 的种子' },
    },
    view: {
      kind: 'choice',
      values: ['elements', 'rows', 'columns'],
      default: 'rows',
      label: 'View',
      zh: { label: '视角' },
    },
    skip: {
      kind: 'list',
      min: 1,
      max: M,
      integer: true,
      maxLength: M,
      unique: true,
      default: [],
      label: 'Known zero',
      doc: 'outputs marked known zero, counted from 1 like y₁…y₆',
      zh: { label: '已知为零', doc: '标记为已知为零的输出，像 y₁…y₆ 一样从 1 开始编号' },
    },
  },
  controls: ['steps', 'cost'],
});
export type VecmatValues = Values<typeof schema.params>;
