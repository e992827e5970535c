// QuantizeIt as plain data: one run's result beside fp32, as sentences and table cells, and how sure a difference is
// (a paired bootstrap over the same held-out tokens, lib/quant/paired.ts). The words are in text.ts.
import type { ExperimentResult, Fp32Result } from '../../../lib/quant/experiment.ts';
import { pairedBootstrap, withinNoise, type PairedInterval } from '../../../lib/quant/paired.ts';
import type { QuantModelName } from '../../../lib/quant/settings.ts';
import type { Lang } from '../../i18n/lang.ts';
import { bytes, sig } from '../_kit/format.ts';
import { text } from './text.ts';

/** A run as the widget keeps it: which model it quantized, and the result. */
export interface Run {
  model: QuantModelName;
  result: ExperimentResult;
  fp32: Fp32Result;
}

export function runLabel(r: Pick<ExperimentResult, 'bits' | 'groupSize' | 'method'>, lang: Lang = 'en'): string {
  const t = text[lang];
  return t.runLabel(r.bits, r.groupSize, t.methods[r.method]);
}

/** 95% paired bootstrap interval of a − b over the same tokens (blocks of 128: one evaluation window). */
export const interval = (a: { tokenLosses: number[] }, b: { tokenLosses: number[] }): PairedInterval =>
  pairedBootstrap(a.tokenLosses, b.tokenLosses, { block: 128, resamples: 1000, seed: 1 });

export function resultSentence(
  r: ExperimentResult,
  fp32: Fp32Result,
  tokens: number,
  model: QuantModelName,
  lang: Lang = 'en',
): string {
  const ci = interval(r, fp32);
  return text[lang].result({
    model: text[lang].models[model],
    run: runLabel(r, lang),
    loss: r.loss,
    fp32Loss: fp32.loss,
    lo: ci.lo,
    hi: ci.hi,
    perplexityChange: r.perplexity / fp32.perplexity - 1,
    tokens,
    bytes: r.bytes,
    fp32Bytes: fp32.bytes,
  });
}

/** This run against the previous one on the same model and tokens: the difference, its interval, and what it means. */
export function comparisonSentence(now: Run, before: Run | undefined, lang: Lang = 'en'): string {
  if (!before) return '';
  const t = text[lang];
  if (before.model !== now.model || before.result.tokenLosses.length !== now.result.tokenLosses.length)
    return t.otherModel;
  const ci = interval(now.result, before.result);
  const verdict = withinNoise(ci) ? 'noise' : ci.mean < 0 ? 'better' : 'worse';
  return t.comparison({ before: runLabel(before.result, lang), ...ci, verdict });
}

export function row(r: ExperimentResult, fp32: Fp32Result, model: QuantModelName, lang: Lang = 'en'): string[] {
  const ci = interval(r, fp32);
  const t = text[lang];
  return [
    `int${r.bits}`,
    String(r.groupSize),
    t.methods[r.method],
    t.modelCell[model],
    sig(r.loss, 5).toString(),
    t.cellInterval(r.loss - fp32.loss, ci.lo, ci.hi),
    bytes(r.bytes),
  ];
}
