// FfnRace's parameters: which layer, how many neurons to compute, how many timed runs.
import { defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'FfnRace',
  tag: 'ffn-race',
  urlKey: 'race',
  params: {
    layer: {
      kind: 'int',
      min: 0,
      max: 7,
      default: 0,
      label: 'Layer',
      doc: 'layer raced, from 0 (clamped to the model)',
    },
    exact: {
      kind: 'bool',
      default: true,
      label: 'Compute exactly the neurons that fire',
      doc: 'true: the measured sparsity; false: use `sparsity`',
    },
    sparsity: {
      kind: 'number',
      min: 0,
      max: 0.99,
      default: 0.9,
      label: 'Or skip this share of neurons (the least active ones)',
      doc: 'share of neurons skipped when `exact` is false',
    },
    repeats: { kind: 'int', min: 1, max: 25, default: 7, label: 'Timed runs per side', doc: 'the median is shown' },
  },
  controls: ['sweep', 'chart'],
});
export type RaceValues = Values<typeof schema.params>;
