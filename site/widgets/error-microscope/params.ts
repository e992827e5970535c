// ErrorMicroscope's parameters: the scale s of the salient weight, the bit width, and the seed of the example group.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'ErrorMicroscope',
  tag: 'error-microscope',
  urlKey: 'micro',
  params: {
    s: {
      kind: 'number',
      min: 1,
      max: 4,
      step: 0.05,
      default: 2,
      label: 'Scale s of the salient weight',
      doc: 'multiplier in [1, 4] applied to one weight before rounding (its input is divided by s)',
      zh: { label: '显著权重的缩放系数 s', doc: '舍入前乘到一个权重上的系数，范围 [1, 4]（其输入相应除以 s）' },
    },
    bits: {
      kind: 'int',
      min: 2,
      max: 8,
      default: 4,
      label: 'Bits',
      doc: 'bit width of the symmetric quantizer, 2 to 8',
      zh: { label: '比特数', doc: '对称量化器的位宽，2 到 8' },
    },
    seed: {
      kind: 'int',
      min: 1,
      max: 9999,
      default: 1,
      label: 'Example group',
      doc: 'seed of the 8-weight example group (and of the Monte Carlo)',
      zh: { label: '示例分组', doc: '8 个权重的示例分组的种子（也用于蒙特卡洛模拟）' },
    },
  },
  controls: ['line', 'montecarlo'],
});
