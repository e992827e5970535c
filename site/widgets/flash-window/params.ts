// FlashWindow's parameters: the window size k, the token whose loads are shown, and the layer.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'FlashWindow',
  tag: 'flash-window',
  urlKey: 'window',
  params: {
    k: {
      kind: 'int',
      min: 0,
      max: 16,
      default: 5,
      label: 'Window k (tokens kept in DRAM)',
      doc: 'the neurons of the last k tokens stay in DRAM',
      zh: { label: '窗口 k（保留在内存中的词元数）', doc: '最近 k 个词元的神经元留在内存（DRAM）中' },
    },
    token: {
      kind: 'int',
      min: 0,
      max: 127,
      default: 20,
      label: 'Token',
      doc: 'the token whose neurons are loaded (from 0; clamped to the prompt)',
      zh: { label: '词元', doc: '要加载其神经元的词元（从 0 开始；超出提示词时截断）' },
    },
    layer: {
      kind: 'int',
      min: 0,
      max: 3,
      default: 1,
      label: 'Layer',
      doc: 'FFN layer, from 0',
      zh: { label: '层', doc: 'FFN 层，从 0 开始' },
    },
  },
  controls: ['grid', 'curve'],
});
