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
      zh: {
        label: '模型',
        doc: '训练所得的 target-v1，或 "outliers"：植入了离群输入通道的 target-v1（人为构造，fp32 下函数不变）',
      },
    },
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
