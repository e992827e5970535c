import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'CompressionLoss',
  tag: 'offload-compression',
  urlKey: 'compress',
  params: {
    weights: {
      kind: 'choice',
      values: ['16', '4', '3'],
      default: '4',
      label: 'Weight bits',
      doc: '16 = uncompressed, or 4 / 3 bits in groups of 64',
    },
    cache: {
      kind: 'choice',
      values: ['16', '4', '3'],
      default: '4',
      label: 'KV cache bits',
      doc: '16 = uncompressed, or 4 / 3 bits in groups of 64',
    },
  },
  controls: ['chart'],
});
