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
    },
    token: {
      kind: 'int',
      min: 0,
      max: 127,
      default: 20,
      label: 'Token',
      doc: 'the token whose neurons are loaded (from 0; clamped to the prompt)',
    },
    layer: { kind: 'int', min: 0, max: 3, default: 1, label: 'Layer', doc: 'FFN layer, from 0' },
  },
  controls: ['grid', 'curve'],
});
