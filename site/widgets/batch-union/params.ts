// BatchUnion's parameters: the run (prompt, largest batch, steps, sampling) and the hot share priced on it.
import type { BatchSettings } from '../../../lib/sparsity/batch-split.ts';
import { defaultsOf, defineWidget, type Values } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'BatchUnion',
  tag: 'batch-union',
  urlKey: 'batch',
  params: {
    prompt: {
      kind: 'text',
      maxLength: 500,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'the prompt every sequence continues',
      zh: { label: '提示词', doc: '每个序列都从它续写的提示词' },
    },
    size: {
      kind: 'int',
      min: 1,
      max: 16,
      default: 16,
      label: 'Largest batch B',
      doc: 'the run decodes this many continuations; every smaller B is its first B',
      zh: { label: '最大批大小 B', doc: '一次运行解码这么多条续写；较小的 B 取其中前 B 条' },
      aliases: ['batch'],
    },
    steps: { kind: 'int', min: 2, max: 48, default: 16, label: 'Decode steps', zh: { label: '解码步数' } },
    temperature: {
      kind: 'number',
      min: 0,
      max: 2,
      step: 0.1,
      default: 1,
      label: 'Temperature',
      doc: 'sampling temperature; 0 is greedy (every sequence the same)',
      zh: { label: '温度', doc: '采样温度；0 为贪心解码（每个序列都相同）' },
      aliases: ['temp'],
    },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed', zh: { label: '随机种子' } },
    hot: {
      kind: 'number',
      min: 0,
      max: 1,
      step: 0.05,
      default: 0.2,
      label: 'Hottest share on the dense unit (NPU)',
      doc: "share of each layer's neurons, hottest first",
      zh: { label: '放在稠密单元（NPU）上的最热神经元占比', doc: '每层神经元中的占比，从最热的开始' },
    },
  },
  controls: ['split', 'run'],
});
export type BatchValues = Values<typeof schema.params>;

/** What lib's measureBatch needs from the values. */
export const settingsOf = (v: BatchValues): BatchSettings => ({
  batch: v.size,
  steps: v.steps,
  temperature: v.temperature,
  seed: v.seed,
});

/** The defaults as lib settings plus the hot share (the lesson's prose measures these). */
export const BATCH_DEFAULTS = { ...settingsOf(defaultsOf(schema)), hot: defaultsOf(schema).hot };
