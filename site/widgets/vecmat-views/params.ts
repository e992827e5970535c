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
    },
    w: {
      kind: 'list',
      length: N * M,
      min: -LIMIT,
      max: LIMIT,
      label: 'W',
      doc: `${N * M} numbers row by row (replaces the seeded W for \`seed\`)`,
    },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed', doc: 'the seeded W' },
    view: { kind: 'choice', values: ['elements', 'rows', 'columns'], default: 'rows', label: 'View' },
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
    },
  },
  controls: ['steps', 'cost'],
});
export type VecmatValues = Values<typeof schema.params>;
