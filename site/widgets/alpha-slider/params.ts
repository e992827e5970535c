// AlphaSlider's parameters: which layer, the quantizer (bits, group size), and the selected α of AWQ's grid.
import { defineWidget } from '../_kit/params.ts';
import { QUANT_MODELS } from '../../../lib/quant/settings.ts';

export const LAYERS = [0, 1, 2, 3].flatMap((l) =>
  ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down'].map((n) => `h.${l}.${n}`),
);

export const schema = defineWidget({
  name: 'AlphaSlider',
  tag: 'alpha-slider',
  urlKey: 'alpha',
  params: {
    model: {
      kind: 'choice',
      values: QUANT_MODELS,
      default: 'target-v1',
      label: 'Model',
      doc: 'target-v1 as trained, or "outliers": target-v1 with planted outlier input channels (constructed, same fp32 function)',
    },
    layer: {
      kind: 'choice',
      values: LAYERS,
      default: 'h.3.mlp.down',
      label: 'Layer',
      doc: 'a linear layer of target-v1, "h.<layer from 0>.<attn.qkv|attn.proj|mlp.up|mlp.down>"',
    },
    bits: { kind: 'choice', values: ['2', '3', '4'], default: '3', label: 'Bits', doc: '2, 3 or 4' },
    group: {
      kind: 'choice',
      values: ['32', '64', '128'],
      default: '128',
      label: 'Group size',
      doc: 'input channels per scale: 32, 64 or 128',
    },
    a: {
      kind: 'number',
      min: 0,
      max: 0.95,
      step: 0.05,
      default: 0.5,
      label: 'α (s = s_X^α)',
      doc: "exponent on the mean |activation| per channel, 0 to 0.95 in steps of 0.05 (AWQ's grid); unless set, the widget opens at the best α of the layer's curve",
    },
  },
  controls: ['error', 'steps'],
});
