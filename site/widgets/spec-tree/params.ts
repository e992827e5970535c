// SpecTree: the prompt, the draft's tree shape, and how many tokens "Run to the end" decodes.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'SpecTree',
  tag: 'spec-tree',
  urlKey: 'tree',
  params: {
    prompt: {
      kind: 'text',
      maxLength: 400,
      default: 'Call me Ishmael. Some years ago',
      label: 'Prompt',
      doc: 'text the models continue (greedy)',
      zh: { label: '提示词', doc: '两个模型（贪心地）续写的文本' },
    },
    shape: {
      kind: 'text',
      maxLength: 40,
      default: '1,1,3,1',
      label: 'Tree shape',
      doc: 'widths such as "1,1,3,1" or "<2,2,1>", "chain 4", or "budget 16" (at most 64 guesses)',
      zh: {
        label: '树形',
        doc: '各层宽度，如 "1,1,3,1" 或 "<2,2,1>"，也可写 "chain 4" 或 "budget 16"（至多 64 个猜测）',
      },
    },
    tokens: {
      kind: 'int',
      min: 8,
      max: 256,
      step: 8,
      default: 48,
      label: 'Tokens for "Run to the end"',
      doc: 'new tokens decoded by Run to the end',
      zh: { label: '“运行到底”的词元数', doc: '“运行到底”解码的新词元数' },
    },
  },
  controls: ['mask'],
});
