// ModelPlayground as plain data (no DOM): the sentences that describe a run and one step of it. Used at build time
// for the static first view and in the browser, so both say the same thing.
import type { GeneratedToken } from '../../../lib/generate.ts';
import { probability, tokenQuote } from '../_kit/format.ts';

/** One generated token as the worker sends it: lib's GeneratedToken. */
export type StepToken = GeneratedToken;

/** The live summary: "Generated 60 tokens; last token ' whale' with probability 0.31". */
export function runSummary(tokens: StepToken[], { stopped = false, model = '' } = {}): string {
  const n = tokens.length;
  const by = model ? ` with ${model}` : '';
  if (n === 0) return stopped ? `Stopped before the first token${by}.` : `No tokens generated yet${by}.`;
  const last = tokens[n - 1];
  const what = `${n} token${n === 1 ? '' : 's'}${by}; last token ${tokenQuote(last.text)} with probability ${probability(last.p)}`;
  return stopped ? `Stopped after ${what}.` : `Generated ${what}.`;
}

/** What the probability chart shows, in words, for generated token number `step` (counted from 1). */
export function stepSummary(step: number, t: StepToken): string {
  const top = t.alternatives.map((a) => `${tokenQuote(a.text)} ${probability(a.p)}`).join(', ');
  const rank = t.alternatives.findIndex((a) => a.id === t.id);
  const where = rank < 0 ? 'outside the top 5' : rank === 0 ? 'the most likely' : `number ${rank + 1} of the top 5`;
  return `Token ${step} is ${tokenQuote(t.text)} (probability ${probability(t.p)}, ${where}). The model's five most likely next tokens there: ${top}.`;
}

/** The temperature as the slider's output shows it. */
export const temperatureText = (t: number) => (t === 0 ? '0 (greedy)' : String(t));
