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
    },
    temperature: {
      kind: 'number',
      min: 0.1,
      max: 2,
      step: 0.1,
      default: 1,
      label: 'Temperature',
      doc: 'applied to both models',
    },
    children: {
      kind: 'int',
      min: 1,
      max: 8,
      default: 2,
      label: 'Children drafted',
      doc: 'guesses drawn from the draft at this node',
    },
    seed: { kind: 'int', min: 1, max: 1_000_000, default: 1, label: 'Seed', doc: 'seed of the draws (lib/random.ts)' },
  },
  controls: ['chart', 'draw', 'run'],
});
