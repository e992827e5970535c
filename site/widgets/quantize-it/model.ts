// QuantizeIt as plain data: one run's result beside fp32, as sentences and table cells, and how sure a difference is
// (a paired bootstrap over the same held-out tokens, lib/quant/paired.ts).
import type { ExperimentResult, Fp32Result } from '../../../lib/quant/experiment.ts';
import { pairedBootstrap, withinNoise, type PairedInterval } from '../../../lib/quant/paired.ts';
import { QUANT_MODEL_LABELS, type QuantModelName } from '../../../lib/quant/settings.ts';
import { bytes, count, signedPercent, sig } from '../_kit/format.ts';
import { METHOD_LABELS } from './params.ts';

/** A run as the widget keeps it: which model it quantized, and the result. */
export interface Run {
  model: QuantModelName;
  result: ExperimentResult;
  fp32: Fp32Result;
}

export function runLabel(r: Pick<ExperimentResult, 'bits' | 'groupSize' | 'method'>): string {
  return `int${r.bits}, group ${r.groupSize}, ${METHOD_LABELS[r.method]}`;
}

/** A signed difference in nats/token, 4 significant digits at most. */
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${sig(Math.abs(x), 3)}`;

/** 95% paired bootstrap interval of a − b over the same tokens (blocks of 128: one evaluation window). */
export const interval = (a: { tokenLosses: number[] }, b: { tokenLosses: number[] }): PairedInterval =>
  pairedBootstrap(a.tokenLosses, b.tokenLosses, { block: 128, resamples: 1000, seed: 1 });

export const intervalText = (ci: PairedInterval) => `95% interval ${signed(ci.lo)} to ${signed(ci.hi)}`;

export function resultSentence(r: ExperimentResult, fp32: Fp32Result, tokens: number, model: QuantModelName): string {
  const ci = interval(r, fp32);
  return (
    `${QUANT_MODEL_LABELS[model]}, ${runLabel(r)}: loss ${sig(r.loss, 5)} nats/token against ${sig(fp32.loss, 5)} in fp32 ` +
    `(${signed(r.loss - fp32.loss)}, ${intervalText(ci)}; perplexity ${signedPercent(r.perplexity / fp32.perplexity - 1)}) ` +
    `on ${count(tokens)} held-out tokens; file ${bytes(r.bytes)} against ${bytes(fp32.bytes)}.`
  );
}

/** This run against the previous one on the same model and tokens: the difference, its interval, and what it means. */
export function comparisonSentence(now: Run, before: Run | undefined): string {
  if (!before) return '';
  if (before.model !== now.model || before.result.tokenLosses.length !== now.result.tokenLosses.length)
    return `The previous run quantized another model, so the two are not compared.`;
  const ci = interval(now.result, before.result);
  const verdict = withinNoise(ci)
    ? 'the interval contains 0: on these tokens the two cannot be told apart.'
    : ci.mean < 0
      ? 'the whole interval is below 0: this run is better on these tokens.'
      : 'the whole interval is above 0: this run is worse on these tokens.';
  return (
    `Against the previous run (${runLabel(before.result)}): ${signed(ci.mean)} nats/token, ` +
    `paired over the same ${count(ci.tokens)} tokens, ${intervalText(ci)}; ${verdict}`
  );
}

export function row(r: ExperimentResult, fp32: Fp32Result, model: QuantModelName): string[] {
  const ci = interval(r, fp32);
  return [
    `int${r.bits}`,
    String(r.groupSize),
    METHOD_LABELS[r.method],
    model === 'outliers' ? 'outliers (constructed)' : 'target-v1',
    sig(r.loss, 5).toString(),
    `${signed(r.loss - fp32.loss)} (${signed(ci.lo)} to ${signed(ci.hi)})`,
    bytes(r.bytes),
  ];
}
