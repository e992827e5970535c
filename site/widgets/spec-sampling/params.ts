// SpecSampling: the node (a prompt), the temperature, how many children the draft proposes, the seed.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'SpecSampling',
  tag: 'spec-sampling',
  urlKey: 'mss',
  params: {
    prompt: {
      kind: 'text',
      maxLength: 400,
      default: 'Call me Ishmael. Some years ago',
      label: 'Prompt (the node)',
      doc: 'the text before the node; the models see its last 128 tokens',
      zh: { label: '提示词（即该节点）', doc: '节点之前的文本；模型只看它的最后 128 个词元' },
    },
    temperature: {
      kind: 'number',
      min: 0.1,
      max: 2,
      step: 0.1,
      default: 1,
      label: 'Temperature',
      doc: 'applied to both models',
      zh: { label: '温度', doc: '同时作用于两个模型' },
    },
    children: {
      kind: 'int',
      min: 1,
      max: 8,
      default: 2,
      label: 'Children drafted',
      doc: 'guesses drawn from the draft at this node',
      zh: { label: '草稿子节点数', doc: '在该节点从草稿模型抽取的猜测数' },
    },
    seed: {
      kind: 'int',
      min: 1,
      max: 1_000_000,
      default: 1,
      label: 'Seed',
      doc: 'seed of the draws (lib/random.ts)',
      zh: { label: '随机种子', doc: '抽取所用的种子（lib/random.ts）' },
    },
  },
  controls: ['chart', 'draw', 'run'],
});
