// SpecRace: the prompt, the draft's tree shape and how many tokens to decode.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'SpecRace',
  tag: 'spec-race',
  urlKey: 'race',
  params: {
    prompt: {
      kind: 'text',
      maxLength: 400,
      default: 'Call me Ishmael. Some years ago',
      label: 'Prompt',
      doc: 'text both decoders continue (greedy)',
      zh: { label: '提示词', doc: '两种解码器（贪心地）续写的文本' },
    },
    tree: {
      kind: 'text',
      maxLength: 40,
      default: 'chain 4',
      label: 'Tree shape',
      doc: 'widths such as "1,1,3,1", "chain 4" or "budget 16" (at most 64 guesses)',
      zh: { label: '树形', doc: '各层宽度，如 "1,1,3,1"，也可写 "chain 4" 或 "budget 16"（至多 64 个猜测）' },
    },
    tokens: {
      kind: 'int',
      min: 8,
      max: 256,
      step: 8,
      default: 96,
      label: 'Tokens to decode',
      doc: 'new tokens per decoder',
      zh: { label: '解码词元数', doc: '每种解码器生成的新词元数' },
    },
    runs: {
      kind: 'int',
      min: 1,
      max: 5,
      default: 2,
      label: 'Runs of each',
      doc: 'the decoders alternate this many times; the fastest run of each counts',
      zh: { label: '各自运行次数', doc: '两种解码器交替运行的次数；各取最快的一次' },
    },
  },
  controls: [],
});
