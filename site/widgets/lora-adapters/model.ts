// LoraAdapters as plain data: the shipped runs' table rows (from lora-sotu-v1/card.json) and what the comparison
// states (the words are in text.ts).
import type { Lang } from '../../i18n/lang.ts';
import type { ResultOf } from '../../worker/client.ts';
import { text } from './text.ts';

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
export function adapterRows(card: any, lang: Lang = 'en'): AdaptersData {
  const t = text[lang];
  const rows: AdapterRow[] = [
    {
      name: 'base',
      label: t.baseRow,
      parameters: null,
      sotu: card.baseline.validationLoss.sotu,
      moby: card.baseline.validationLoss.mobyDick,
      sample: card.baseline.samples[0].text,
      shipped: true,
    },
    // biome-ignore lint/suspicious/noExplicitAny: one run of the JSON card
    ...card.runs.map((r: any) => ({
      name: r.kind === 'lora' ? `r${r.rank}` : 'full',
      label: r.kind === 'lora' ? t.loraRow(r.rank) : t.fullRow,
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

export function compareText(
  unmerged: GenerateOutcome,
  merged: GenerateOutcome,
  base?: GenerateOutcome,
  lang: Lang = 'en',
): string {
  const same = unmerged.ids.length === merged.ids.length && unmerged.ids.every((id, i) => id === merged.ids[i]);
  return text[lang].comparison({
    same,
    tokens: merged.ids.length,
    unmerged: unmerged.tokensPerSecond,
    merged: merged.tokensPerSecond,
    base: base?.tokensPerSecond,
    mergeMs: merged.switchMs,
  });
}

export const adaptersSummary = (adapter: string, merged: boolean, lang: Lang = 'en') =>
  text[lang].summary(adapter, merged);
