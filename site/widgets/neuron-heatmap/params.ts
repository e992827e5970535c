// NeuronHeatmap's parameters: the reader's prompt, the layer, the selected token and the column order.
import { defineWidget, type Values } from '../_kit/params.ts';

/** Tokens shown at most (the model's context is 128): a longer prompt is cut, with a note. */
export const HEATMAP_TOKENS = 128;

export const schema = defineWidget({
  name: 'NeuronHeatmap',
  tag: 'neuron-heatmap',
  urlKey: 'heat',
  params: {
    // No default here: the shell's default is the prompt measured at build time (site/data/measured.ts).
    prompt: {
      kind: 'text',
      maxLength: 500,
      label: `Your prompt (the first ${HEATMAP_TOKENS} tokens are shown)`,
      doc: 'a link keeps up to 500 characters',
    },
    layer: { kind: 'int', min: 0, max: 7, default: 0, label: 'Layer', doc: 'from 0 (must exist in the model)' },
    token: {
      kind: 'int',
      min: 0,
      max: HEATMAP_TOKENS - 1,
      default: 0,
      label: 'Selected token',
      doc: 'from 0, clamped to the prompt',
    },
    order: {
      kind: 'choice',
      values: ['hot', 'index'],
      default: 'hot',
      label: 'Neuron columns',
      doc: 'hot: most often active on Moby Dick first; index: neuron 0 first',
    },
  },
  controls: ['chart'],
});
export type HeatmapValues = Values<typeof schema.params>;
