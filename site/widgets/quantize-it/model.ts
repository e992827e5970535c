// QuantizeIt as plain data: one run's result beside fp32, as sentences and table cells.
import type { ExperimentResult, Fp32Result } from '../../../lib/quant/experiment.ts';
import { bytes, count, signedPercent, sig } from '../_kit/format.ts';
import { METHOD_LABELS } from './params.ts';

export function runLabel(r: Pick<ExperimentResult, 'bits' | 'groupSize' | 'method'>): string {
  return `int${r.bits}, group ${r.groupSize}, ${METHOD_LABELS[r.method]}`;
}

export function resultSentence(r: ExperimentResult, fp32: Fp32Result, tokens: number): string {
  return (
    `${runLabel(r)}: loss ${sig(r.loss, 5)} nats/token against ${sig(fp32.loss, 5)} in fp32 ` +
    `(${r.loss >= fp32.loss ? '+' : '−'}${sig(Math.abs(r.loss - fp32.loss), 3)}; perplexity ${signedPercent(r.perplexity / fp32.perplexity - 1)}) ` +
    `on ${count(tokens)} held-out tokens; file ${bytes(r.bytes)} against ${bytes(fp32.bytes)}.`
  );
}

export function row(r: ExperimentResult, fp32: Fp32Result): string[] {
  return [
    `int${r.bits}`,
    String(r.groupSize),
    METHOD_LABELS[r.method],
    sig(r.loss, 5).toString(),
    `${r.loss >= fp32.loss ? '+' : '−'}${sig(Math.abs(r.loss - fp32.loss), 3)}`,
    bytes(r.bytes),
  ];
}
