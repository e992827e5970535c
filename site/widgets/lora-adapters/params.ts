// LoraAdapters' parameters: which adapter (or the bare base), merged or not, and the prompt.
import { defineWidget } from '../_kit/params.ts';

export const ADAPTERS = ['base', 'r1', 'r2', 'r4', 'r8', 'yours'] as const;

export const schema = defineWidget({
  name: 'LoraAdapters',
  tag: 'lora-adapters',
  urlKey: 'adapters',
  params: {
    adapter: {
      kind: 'choice',
      values: ADAPTERS,
      default: 'r4',
      label: 'Adapter',
      doc: 'base = no adapter; r1–r8 = the shipped State of the Union adapters; yours = the one you trained with LoraTrain',
    },
    merged: {
      kind: 'bool',
      default: false,
      label: 'Merge into the weights',
      doc: 'W = W0 + (α/r)·AB instead of computing the adapter beside W0',
    },
    prompt: { kind: 'text', maxLength: 300, default: 'My fellow Americans,', label: 'Prompt' },
    tokens: { kind: 'int', min: 8, max: 64, default: 32, label: 'New tokens', doc: 'greedy, 8 to 64' },
  },
  controls: ['table', 'compare'],
});
