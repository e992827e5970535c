// QuantizeIt's parameters: bit width, group size and method, each one of the lesson's choices.
import { defineWidget } from '../_kit/params.ts';
import { METHODS, QUANT_MODELS } from '../../../lib/quant/settings.ts';

export const schema = defineWidget({
  name: 'QuantizeIt',
  tag: 'quantize-it',
  urlKey: 'quant',
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
    bits: {
      kind: 'choice',
      values: ['2', '3', '4', '8'],
      default: '3',
      label: 'Bits per weight',
      doc: '2, 3, 4 or 8',
      zh: { label: '每个权重的比特数', doc: '2、3、4 或 8' },
    },
    group: {
      kind: 'choice',
      values: ['32', '64', '128'],
      default: '128',
      label: 'Group size',
      doc: 'input channels sharing one scale and zero point: 32, 64 or 128',
      zh: { label: '分组大小', doc: '共用一个缩放因子和零点的输入通道数：32、64 或 128' },
    },
    method: {
      kind: 'choice',
      values: METHODS,
      default: 'awq',
      label: 'Method',
      doc: METHODS.join(', '),
      zh: { label: '方法', doc: METHODS.join('、') },
    },
  },
  controls: ['samples', 'runs'],
});
