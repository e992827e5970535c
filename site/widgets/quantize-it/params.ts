// QuantizeIt's parameters: bit width, group size and method, each one of the lesson's choices.
import { defineWidget } from '../_kit/params.ts';
import { METHODS, QUANT_MODELS } from '../../../lib/quant/settings.ts';

export const METHOD_LABELS: Record<(typeof METHODS)[number], string> = {
  rtn: 'Round to nearest (RTN)',
  'keep-activation': 'RTN, keep 1% of channels fp32: by activation',
  'keep-weight': 'RTN, keep 1% of channels fp32: by weight norm',
  'keep-random': 'RTN, keep 1% of channels fp32: at random',
  awq: 'AWQ (scale search + clipping)',
};

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
    },
    bits: { kind: 'choice', values: ['2', '3', '4', '8'], default: '3', label: 'Bits per weight', doc: '2, 3, 4 or 8' },
    group: {
      kind: 'choice',
      values: ['32', '64', '128'],
      default: '128',
      label: 'Group size',
      doc: 'input channels sharing one scale and zero point: 32, 64 or 128',
    },
    method: { kind: 'choice', values: METHODS, default: 'awq', label: 'Method', doc: METHODS.join(', ') },
  },
  controls: ['samples', 'runs'],
});
