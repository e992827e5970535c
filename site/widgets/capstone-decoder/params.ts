// CapstoneDecoder's parameters: lib/capstone's switches (weights, neurons, store, speculation and its shape,
// greedy or sampled), the prompt and how many tokens a Run makes.
import { defineWidget } from '../_kit/params.ts';

export const schema = defineWidget({
  name: 'CapstoneDecoder',
  tag: 'capstone-decoder',
  urlKey: 'build',
  params: {
    weights: {
      kind: 'choice',
      values: ['fp32', 'int4'],
      default: 'int4',
      label: 'Weights',
      doc: 'fp32, or AWQ int4 (lesson 6)',
    },
    ffn: {
      kind: 'choice',
      values: ['dense', 'exact', 'predicted'],
      default: 'exact',
      label: 'FFN neurons',
      doc: 'dense: every neuron; exact: the ones that fire (an oracle, same text); predicted: predictor-v1 (lessons 2–4)',
    },
    storage: {
      kind: 'choice',
      values: ['opfs', 'memory'],
      default: 'opfs',
      label: 'FFN store',
      doc: 'opfs: read from the Origin Private File System (memory if the browser refuses); memory: an in-RAM byte store',
    },
    window: { kind: 'bool', default: true, label: 'Windowing (keep the last 5 passes’ neurons)', doc: 'lesson 4' },
    bundled: { kind: 'bool', default: true, label: 'Row-column bundling (one read per neuron)', doc: 'lesson 4' },
    speculation: {
      kind: 'choice',
      values: ['plain', 'chain', 'tree'],
      default: 'chain',
      label: 'Speculation',
      doc: 'plain: one token per pass; chain or tree: draft-v1 guesses, the target verifies them in one pass (lesson 8)',
    },
    shape: {
      kind: 'text',
      maxLength: 40,
      default: 'chain 2',
      label: 'Shape',
      doc: 'for chain: "chain 2"; for tree: widths such as "2,1"; for plain: "plain"',
    },
    temperature: { kind: 'number', min: 0, max: 2, step: 0.1, default: 0, label: 'Temperature (0 = greedy)' },
    seed: { kind: 'int', min: 0, max: 99999, default: 1, label: 'Seed (sampled only)' },
    prompt: {
      kind: 'text',
      maxLength: 2000,
      default: 'Call me Ishmael.',
      label: 'Prompt',
      doc: 'text target-v1 continues',
    },
    tokens: { kind: 'int', min: 1, max: 64, default: 24, label: 'Tokens per run' },
  },
  controls: ['stream', 'split', 'runs'],
});
