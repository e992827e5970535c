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
      zh: { label: '权重位数', doc: '16 = 不压缩，或按 64 个一组压缩为 4 / 3 位' },
    },
    cache: {
      kind: 'choice',
      values: ['16', '4', '3'],
      default: '4',
      label: 'KV cache bits',
      doc: '16 = uncompressed, or 4 / 3 bits in groups of 64',
      zh: { label: 'KV 缓存位数', doc: '16 = 不压缩，或按 64 个一组压缩为 4 / 3 位' },
    },
  },
  controls: ['chart'],
});
