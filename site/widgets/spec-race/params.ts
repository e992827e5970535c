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
    },
    tree: {
      kind: 'text',
      maxLength: 40,
      default: 'chain 4',
      label: 'Tree shape',
      doc: 'widths such as "1,1,3,1", "chain 4" or "budget 16" (at most 64 guesses)',
    },
    tokens: {
      kind: 'int',
      min: 8,
      max: 256,
      step: 8,
      default: 96,
      label: 'Tokens to decode',
      doc: 'new tokens per decoder',
    },
    runs: {
      kind: 'int',
      min: 1,
      max: 5,
      default: 2,
      label: 'Runs of each',
      doc: 'the decoders alternate this many times; the fastest run of each counts',
    },
  },
  controls: [],
});
