// The compression widget's data: our model's measured loss with FlexGen-style group-wise compression of weights and
// KV cache (scripts/flexgen-compression.ts → site/data/flexgen-results.json), for each pair of widths, and the bytes
// each width takes. "16" means no compression: the loss is float32's, the bytes fp16's. The words are in text.ts.
import { signedDecimal } from '../_kit/format.ts';

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
