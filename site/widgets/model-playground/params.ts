// ModelPlayground's parameters: which model, the prompt, and how to sample.
import { MODEL_NAMES } from '../../worker/model-names.ts';
import { defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'ModelPlayground',
  tag: 'model-playground',
  urlKey: 'model',
  params: {
    name: {
      kind: 'choice',
      values: MODEL_NAMES,
      default: 'target-v1',
      label: 'Model',
      doc: "which of the site's models runs",
      zh: { label: '模型', doc: '运行本站的哪个模型' },
      aliases: ['model'],
    },
    prompt: {
      kind: 'text',
      maxLength: 500,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'a link keeps up to 500 characters',
      zh: { label: '提示词', doc: '链接最多保存 500 个字符' },
    },
    temperature: {
      kind: 'number',
      min: 0,
      max: 2,
      step: 0.05,
      default: 0.8,
      label: 'Temperature',
      doc: '0 is greedy (always the most likely token)',
      zh: { label: '温度', doc: '0 即贪心解码（总是选概率最高的词元）' },
    },
    topk: {
      kind: 'int',
      min: 0,
      max: 512,
      default: 40,
      label: 'Top-k (0 = all)',
      doc: 'sample only from the k most likely tokens; 0 means all',
      zh: { label: 'Top-k（0 = 全部）', doc: '只从概率最高的 k 个词元中采样；0 表示全部' },
    },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed', zh: { label: '随机种子' } },
    tokens: {
      kind: 'int',
      min: 1,
      max: 200,
      default: 60,
      label: 'New tokens',
      doc: 'new tokens per run',
      zh: { label: '新词元数', doc: '每次运行生成的新词元数' },
    },
  },
  controls: ['probs'],
});
export type PlaygroundValues = Values<typeof schema.params>;
export type ModelName = PlaygroundValues['name'];
