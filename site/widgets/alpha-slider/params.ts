// AlphaSlider's parameters: which layer, the quantizer (bits, group size), and the selected α of AWQ's grid.
import { defineWidget } from '../_kit/params.ts';
import { MODEL_PARAM } from '../quantize-it/params.ts';

export const LAYERS = [0, 1, 2, 3].flatMap((l) =>
  ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down'].map((n) => `h.${l}.${n}`),
);

export const schema = defineWidget({
  name: 'AlphaSlider',
  tag: 'alpha-slider',
  urlKey: 'alpha',
  params: {
    model: MODEL_PARAM,
    layer: {
      kind: 'choice',
      values: LAYERS,
      default: 'h.3.mlp.down',
      label: 'Layer',
      doc: 'a linear layer of target-v1, "h.<layer from 0>.<attn.qkv|attn.proj|mlp.up|mlp.down>"',
      zh: { label: '层', doc: 'target-v1 的一个线性层，"h.<从 0 起的层号>.<attn.qkv|attn.proj|mlp.up|mlp.down>"' },
    },
    bits: {
      kind: 'choice',
      values: ['2', '3', '4'],
      default: '3',
      label: 'Bits',
      doc: '2, 3 or 4',
      zh: { label: '比特数', doc: '2、3 或 4' },
    },
    group: {
      kind: 'choice',
      values: ['32', '64', '128'],
      default: '128',
      label: 'Group size',
      doc: 'input channels per scale: 32, 64 or 128',
      zh: { label: '分组大小', doc: '共用一个缩放因子的输入通道数：32、64 或 128' },
    },
    a: {
      kind: 'number',
      min: 0,
      max: 0.95,
      step: 0.05,
      default: 0.5,
      label: 'α (s = s_X^α)',
      doc: "exponent on the mean |activation| per channel, 0 to 0.95 in steps of 0.05 (AWQ's grid); unless set, the widget opens at the best α of the layer's curve",
      zh: {
        label: 'α（s = s_X^α）',
        doc: '每个通道平均 |激活| 的指数，0 到 0.95，步长 0.05（AWQ 的网格）；未设置时，组件打开在该层曲线的最佳 α 处',
      },
    },
  },
  controls: ['error', 'steps'],
});
