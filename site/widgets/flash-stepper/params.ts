// FlashStepper's parameters: the prompt, the policy's four toggles (the rungs of the paper's Table 2), where the
// store lives, and how many tokens a Run makes.
import { defineWidget } from '../_kit/params.ts';
import { MAX_WINDOW } from '../../../lib/flash/policy.ts';

export const schema = defineWidget({
  name: 'FlashStepper',
  tag: 'flash-stepper',
  urlKey: 'stepper',
  params: {
    model: {
      kind: 'choice',
      values: ['target-v1', 'draft-v1'],
      default: 'target-v1',
      label: 'Model',
      doc: 'whose FFN is stored; predictor-v1 exists for target-v1 only',
    },
    prompt: {
      kind: 'text',
      maxLength: 2000,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'text the model continues (greedy); cut to the context if too long',
    },
    neurons: {
      kind: 'choice',
      values: ['all', 'predictor', 'exact'],
      default: 'predictor',
      label: 'Neurons read',
      doc: 'all of each FFN; those predictor-v1 picks; or the exact active set (an oracle)',
    },
    hybrid: {
      kind: 'bool',
      default: false,
      label: 'Hybrid: half of each FFN stays in DRAM',
      doc: "the first half of each layer's neurons loaded once and kept",
    },
    window: {
      kind: 'int',
      min: 0,
      max: Math.min(MAX_WINDOW, 32),
      default: 5,
      label: 'Window k (tokens kept)',
      doc: 'keep the neurons used by the last k tokens in DRAM; 0 = none',
    },
    budget: {
      kind: 'number',
      min: 0.05,
      max: 1,
      step: 0.05,
      default: 1,
      label: 'DRAM budget (share of each FFN kept between tokens)',
      doc: "most of each layer's neurons kept in DRAM after a token, resident ones included; over it the window drops the least recently used; 1 = no cap",
    },
    bundling: {
      kind: 'bool',
      default: true,
      label: 'Row-column bundling',
      doc: 'up column and down row stored together: one read per neuron instead of two',
    },
    storage: {
      kind: 'choice',
      values: ['auto', 'memory'],
      default: 'auto',
      label: 'Store the weights in',
      doc: 'auto = OPFS where the browser allows, else memory; memory = always memory',
    },
    tokens: { kind: 'int', min: 1, max: 64, default: 24, label: 'Tokens per run' },
  },
  controls: ['stats', 'text'],
});
