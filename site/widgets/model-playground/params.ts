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
      aliases: ['model'],
    },
    prompt: {
      kind: 'text',
      maxLength: 500,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'a link keeps up to 500 characters',
    },
    temperature: {
      kind: 'number',
      min: 0,
      max: 2,
      step: 0.05,
      default: 0.8,
      label: 'Temperature',
      doc: '0 is greedy (always the most likely token)',
    },
    topk: {
      kind: 'int',
      min: 0,
      max: 512,
      default: 40,
      label: 'Top-k (0 = all)',
      doc: 'sample only from the k most likely tokens; 0 means all',
    },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed' },
    tokens: { kind: 'int', min: 1, max: 200, default: 60, label: 'New tokens', doc: 'new tokens per run' },
  },
  controls: ['probs'],
});
export type PlaygroundValues = Values<typeof schema.params>;
export type ModelName = PlaygroundValues['name'];
