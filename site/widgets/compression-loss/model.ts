// The compression widget's data: our model's measured loss with FlexGen-style group-wise compression of weights and
// KV cache (scripts/flexgen-compression.ts → site/data/flexgen-results.json), for each pair of widths, and the bytes
// each width takes. "16" means no compression: the loss is float32's, the bytes fp16's.
import { bytes, nats, signedDecimal, signedPercent } from '../_kit/format.ts';

export interface CompressionRow {
  weightBits: number | null;
  cacheBits: number | null;
  loss: number;
  delta: number;
  perplexity: number;
  tokens: number;
}
export interface Sizes {
  weights16: number;
  weightsB: number;
  kvPerToken16: number;
  kvPerTokenB: number;
}
export interface CompressionData {
  model: string;
  rows: CompressionRow[];
  sizes: Record<'3' | '4', Sizes>;
}

const bitsOf = (s: string) => (s === '16' ? null : Number(s));
/** The change in loss against float32, as the stat box and the summary print it: "+0.0123 nats/token". */
export const lossChange = (delta: number) => `${signedDecimal(delta, 4)} nats/token`;

export const label = (b: number | null) => (b === null ? '16' : String(b));

export function pick(d: CompressionData, weights: string, cache: string): CompressionRow | undefined {
  return d.rows.find((r) => r.weightBits === bitsOf(weights) && r.cacheBits === bitsOf(cache));
}

export function memory(d: CompressionData, weights: string, cache: string) {
  const w = weights === '16' ? d.sizes['4'].weights16 : d.sizes[weights as '3' | '4'].weightsB;
  const kv = cache === '16' ? d.sizes['4'].kvPerToken16 : d.sizes[cache as '3' | '4'].kvPerTokenB;
  return { weights: w, weights16: d.sizes['4'].weights16, kvPerToken: kv, kvPerToken16: d.sizes['4'].kvPerToken16 };
}

/** A width as the menus and sentences name it: "16" is no compression, run in float32 (bytes counted at fp16). */
export const optionName = (b: string) => (b === '16' ? 'none (float32)' : `${b}-bit`);

export function summaryText(d: CompressionData, weights: string, cache: string): string {
  const r = pick(d, weights, cache);
  const base = pick(d, '16', '16');
  const m = memory(d, weights, cache);
  if (!r || !base) return 'No measurement for this pair.';
  const part = (b: string, what: string) => (b === '16' ? `uncompressed ${what}` : `${b}-bit ${what}`);
  return `${d.model} with ${part(weights, 'weights')} and ${part(cache, 'KV cache')} (uncompressed means float32 in the run): loss ${nats(r.loss)} (${signedDecimal(r.delta, 4)} against float32), perplexity ${r.perplexity} (${signedPercent(r.perplexity / base.perplexity - 1)}). Linear weights ${bytes(m.weights)} instead of ${bytes(m.weights16)} in fp16; KV cache ${bytes(m.kvPerToken)} per token instead of ${bytes(m.kvPerToken16)}.`;
}
