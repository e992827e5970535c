// LoraAdapters as plain data: the shipped runs' table rows (from lora-sotu-v1/card.json) and the comparison text.
import { count, duration, perSecond } from '../_kit/format.ts';
import type { ResultOf } from '../../worker/client.ts';

export interface AdapterRow {
  name: string;
  label: string;
  parameters: number | null;
  sotu: number;
  moby: number;
  sample: string;
  shipped: boolean;
}

/** The parts of the card the widget needs (the shell passes these to the element). */
export interface AdaptersData {
  rows: AdapterRow[];
  prompt: string;
  sampleTokens: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the card is JSON whose shape adapterRows checks field by field
export function adapterRows(card: any): AdaptersData {
  const rows: AdapterRow[] = [
    {
      name: 'base',
      label: 'base (target-v1)',
      parameters: null,
      sotu: card.baseline.validationLoss.sotu,
      moby: card.baseline.validationLoss.mobyDick,
      sample: card.baseline.samples[0].text,
      shipped: true,
    },
    // biome-ignore lint/suspicious/noExplicitAny: one run of the JSON card
    ...card.runs.map((r: any) => ({
      name: r.kind === 'lora' ? `r${r.rank}` : 'full',
      label: r.kind === 'lora' ? `LoRA r = ${r.rank}` : 'full fine-tune (not shipped)',
      parameters: r.trainableParameters,
      sotu: r.validationLoss.sotu,
      moby: r.validationLoss.mobyDick,
      sample: r.samples[0].text,
      shipped: r.kind === 'lora',
    })),
  ];
  return { rows, prompt: card.baseline.samples[0].prompt, sampleTokens: card.sampleTokens };
}

/** What the comparison reads of one generation, as the worker's lora.generate handler returns it. */
export type GenerateOutcome = Pick<ResultOf<'lora.generate'>, 'ids' | 'tokensPerSecond' | 'switchMs'>;

export function compareText(unmerged: GenerateOutcome, merged: GenerateOutcome, base?: GenerateOutcome): string {
  const same = unmerged.ids.length === merged.ids.length && unmerged.ids.every((id, i) => id === merged.ids[i]);
  const tokens = `${count(merged.ids.length)} tokens`;
  const speed = `unmerged ${perSecond(unmerged.tokensPerSecond)}, merged ${perSecond(merged.tokensPerSecond)}${base ? `, bare base ${perSecond(base.tokensPerSecond)}` : ''}`;
  return `${same ? 'Identical' : 'Different'} text (${tokens}, compared token by token); ${speed}. Merging took ${duration(merged.switchMs)}.`;
}

export function adaptersSummary(adapter: string, merged: boolean): string {
  return adapter === 'base'
    ? 'The bare base model, no adapter.'
    : `Adapter ${adapter}, ${merged ? 'merged into the weights' : 'computed beside the frozen weights (unmerged)'}.`;
}
