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
    },
    b: {
      kind: 'choice',
      values: SPECTRUM_ADAPTERS,
      default: 'r8',
      label: 'Adapter B',
      doc: 'the larger-rank adapter (columns)',
    },
    layer: { kind: 'int', min: 0, max: 3, default: 0, label: 'Layer', doc: 'from 0' },
    matrix: { kind: 'choice', values: ['q', 'v'], default: 'q', label: 'Matrix', doc: 'W_q or W_v' },
  },
  controls: ['chart'],
});
