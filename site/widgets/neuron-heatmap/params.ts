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
      zh: { label: `你的提示词（显示前 ${HEATMAP_TOKENS} 个词元）`, doc: '链接最多保存 500 个字符' },
    },
    layer: {
      kind: 'int',
      min: 0,
      max: 7,
      default: 0,
      label: 'Layer',
      doc: 'from 0 (must exist in the model)',
      zh: { label: '层', doc: '从 0 开始（必须是模型中存在的层）' },
    },
    token: {
      kind: 'int',
      min: 0,
      max: HEATMAP_TOKENS - 1,
      default: 0,
      label: 'Selected token',
      doc: 'from 0, clamped to the prompt',
      zh: { label: '选中的词元', doc: '从 0 开始，超出提示词时取最后一个' },
    },
    order: {
      kind: 'choice',
      values: ['hot', 'index'],
      default: 'hot',
      label: 'Neuron columns',
      doc: 'hot: most often active on Moby Dick first; index: neuron 0 first',
      zh: { label: '神经元列的顺序', doc: 'hot：在 Moby Dick 上最常激活的排在前面；index：神经元 0 排在前面' },
    },
  },
  controls: ['chart'],
});
export type HeatmapValues = Values<typeof schema.params>;
