// LoraSpectrum's parameters: two adapters to compare and the matrix (layer, W_q or W_v) to look at.
import { defineWidget } from '../_kit/params.ts';

export const SPECTRUM_ADAPTERS = ['r1', 'r2', 'r4', 'r8', 'yours'] as const;

export const schema = defineWidget({
  name: 'LoraSpectrum',
  tag: 'lora-spectrum',
  urlKey: 'spectrum',
  params: {
    a: {
      kind: 'choice',
      values: SPECTRUM_ADAPTERS,
      default: 'r2',
      label: 'Adapter A',
      doc: 'the smaller-rank adapter (rows of the heatmap)',
      zh: { label: '适配器 A', doc: '秩较小的适配器（热图的行）' },
    },
    b: {
      kind: 'choice',
      values: SPECTRUM_ADAPTERS,
      default: 'r8',
      label: 'Adapter B',
      doc: 'the larger-rank adapter (columns)',
      zh: { label: '适配器 B', doc: '秩较大的适配器（列）' },
    },
    layer: {
      kind: 'int',
      min: 0,
      max: 3,
      default: 0,
      label: 'Layer',
      doc: 'from 0',
      zh: { label: '层', doc: '从 0 起' },
    },
    matrix: {
      kind: 'choice',
      values: ['q', 'v'],
      default: 'q',
      label: 'Matrix',
      doc: 'W_q or W_v',
      zh: { label: '矩阵', doc: 'W_q 或 W_v' },
    },
  },
  controls: ['chart'],
});
