// FlexGen's compression [§5] on our model: group-wise min–max quantization with groups of 64, of the weights
// (grouped along the output channel) and of the KV cache (grouped along the hidden dimension), each value turned
// back into floats before use. The quantizer is lib/quant's (asymmetric min–max; its range is widened to include 0,
// which changes nothing for groups that straddle 0, as weight and cache groups do).
// lossWithCompression measures the cost: teacher-forced loss on a text with every linear layer's weights and every
// key and value attention reads passed through the b-bit round trip (the current token's own key and value
// included, so the cache error is if anything overstated). It runs on the lean engine (lib/engine): fake-quantized
// weights through setLinear, the cache round trip through its kvFn seam.
import { engineInputs } from '../engine/index.ts';
import { LeanEngine } from '../engine/engine.ts';
import type { LanguageModel } from '../model.ts';
import { fakeQuantize, quantizedBytes } from '../quant/index.ts';
import { tokenNll } from '../sampling.ts';

export const FLEXGEN_GROUP = 64;

/** W [in, out] through the b-bit round trip, groups of 64 consecutive output channels. */
export function fakeQuantizeWeight(w: Float32Array, outDim: number, bits: number): Float32Array {
  return fakeQuantize(w, { bits, groupSize: FLEXGEN_GROUP }, outDim);
}

/** Keys or values, one row of C = H·hs values per token ([T, C], the engine's layout), through the b-bit round trip:
 *  groups of 64 along the row. The engine's kvFn. */
export function kvRoundTrip(bits: number): (rows: Float32Array, rowLength: number) => Float32Array {
  return (rows, rowLength) => fakeQuantize(rows, { bits, groupSize: FLEXGEN_GROUP }, rowLength);
}

export interface CompressionLoss {
  weightBits: number | null;
  cacheBits: number | null;
  /** Mean cross-entropy, nats per token. */
  loss: number;
  tokens: number;
}

/** Teacher-forced loss of `ids` in windows of the model's context, with weights and/or KV cache at b bits (null = float32). */
export function lossWithCompression(
  model: LanguageModel,
  ids: number[],
  { weightBits = null as number | null, cacheBits = null as number | null, maxTokens = 2048 } = {},
): CompressionLoss {
  const cfg = model.config;
  for (const b of [weightBits, cacheBits])
    if (b !== null && !(Number.isInteger(b) && b >= 2 && b <= 8))
      throw new Error(`bits must be a whole number in 2..8 (or null for float32), got ${b}`);
  const text = ids.slice(0, maxTokens + 1);
  if (text.length < 2) throw new Error('lossWithCompression: need at least two tokens');
  const engine = new LeanEngine(...engineInputs(model));
  if (weightBits !== null)
    for (const name of model.linearNames) {
      const { weight, shape } = model.getLinear(name);
      engine.setLinear(name, fakeQuantizeWeight(weight, shape[1], weightBits));
    }
  const kvFn = cacheBits !== null ? kvRoundTrip(cacheBits) : undefined;
  let nll = 0,
    count = 0;
  for (let start = 0; start + 1 < text.length; start += cfg.blockSize) {
    const window = text.slice(start, Math.min(start + cfg.blockSize + 1, text.length));
    engine.reset();
    const logits = engine.run(window.slice(0, -1), kvFn ? { kvFn } : {}); // [T][V], every position
    logits.forEach((row, t) => (nll += tokenNll(row, window[t + 1])));
    count += logits.length;
  }
  engine.dispose();
  return { weightBits, cacheBits, loss: nll / count, tokens: count };
}

/** Bytes of our model's linear weights and of one token's KV cache, at 16 bits and at b bits (groups of 64, lib/quant's layout). */
export function compressedSizes(
  model: LanguageModel,
  bits: number,
): { weights16: number; weightsB: number; kvPerToken16: number; kvPerTokenB: number } {
  const { nEmbd: C, nFfn: F, nLayer: L } = model.config;
  const mats: [number, number][] = [
    [C, 3 * C],
    [C, C],
    [C, F],
    [F, C],
  ];
  const weights16 = L * mats.reduce((a, [i, o]) => a + 2 * i * o, 0);
  const weightsB =
    L * mats.reduce((a, [i, o]) => a + quantizedBytes(i, o, { bits, groupSize: FLEXGEN_GROUP }).total, 0);
  const kvPerToken16 = 2 * L * 2 * C;
  const kvPerTokenB = 2 * L * quantizedBytes(1, C, { bits, groupSize: FLEXGEN_GROUP }).total;
  return { weights16, weightsB, kvPerToken16, kvPerTokenB };
}
