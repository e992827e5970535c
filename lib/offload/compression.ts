// FlexGen's compression [§5] on our model: group-wise min–max quantization with groups of 64, of the weights
// (grouped along the output channel) and of the KV cache (grouped along the hidden dimension), each value turned
// back into floats before use. The quantizer is lib/quant's (asymmetric min–max; its range is widened to include 0,
// which changes nothing for groups that straddle 0, as weight and cache groups do).
// lossWithCompression measures the cost: teacher-forced loss on a text with every linear layer's weights and every
// key and value attention reads passed through the b-bit round trip (the current token's own key and value
// included, so the cache error is if anything overstated).
import * as tf from '@tensorflow/tfjs';
import { fakeQuantize, quantizedBytes } from '../quant/index.ts';
import type { LanguageModel } from '../model.ts';
import { blockForward, embed, headAll, LAYER_PARAM_NAMES } from './layer-forward.ts';

export const FLEXGEN_GROUP = 64;

/** W [in, out] through the b-bit round trip, groups of 64 consecutive output channels. */
export function fakeQuantizeWeight(w: Float32Array, outDim: number, bits: number): Float32Array {
  return fakeQuantize(w, { bits, groupSize: FLEXGEN_GROUP }, outDim);
}

/** Keys or values [B, H, T, hs] through the b-bit round trip, groups of 64 along the hidden dimension (H·hs). */
export function kvRoundTrip(bits: number): (t: tf.Tensor4D) => tf.Tensor4D {
  return (t) =>
    tf.tidy(() => {
      const [B, H, T, hs] = t.shape;
      const byToken = t.transpose([0, 2, 1, 3]); // [B, T, H, hs]: one row of H·hs per token
      const q = fakeQuantize(byToken.dataSync() as Float32Array, { bits, groupSize: FLEXGEN_GROUP }, H * hs);
      return tf.tensor4d(q, [B, T, H, hs]).transpose([0, 2, 1, 3]) as tf.Tensor4D; // [B, H, T, hs]
    });
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
  const all = model.exportWeights();
  const layers = Array.from({ length: cfg.nLayer }, (_, l) =>
    Object.fromEntries(
      LAYER_PARAM_NAMES.map((p) => {
        const name = `h.${l}.${p}`;
        const shape = tensorShape(model, p);
        const data =
          weightBits !== null && shape.length === 2 && !p.startsWith('ln')
            ? fakeQuantizeWeight(all[name], shape[1], weightBits)
            : all[name];
        return [p, tf.tensor(data, shape)];
      }),
    ),
  );
  const wte = tf.tensor(all['wte.weight'], [cfg.vocabSize, cfg.nEmbd]),
    wpe = tf.tensor(all['wpe.weight'], [cfg.blockSize, cfg.nEmbd]);
  const lnW = tf.tensor(all['ln_f.weight']),
    lnB = tf.tensor(all['ln_f.bias']);
  const readKV = cacheBits !== null ? kvRoundTrip(cacheBits) : undefined;
  const text = ids.slice(0, maxTokens + 1);
  if (text.length < 2) throw new Error('lossWithCompression: need at least two tokens');
  let nll = 0,
    count = 0;
  try {
    for (let start = 0; start + 1 < text.length; start += cfg.blockSize) {
      const window = text.slice(start, Math.min(start + cfg.blockSize + 1, text.length));
      const input = window.slice(0, -1),
        T = input.length;
      const logp = tf.tidy(() => {
        let x = embed(cfg, wte, wpe, tf.tensor2d([input], [1, T], 'int32'), 0); // [1, T, C]
        for (const w of layers) x = blockForward(cfg, w, x, undefined, readKV).x;
        return tf.logSoftmax(headAll(cfg, lnW, lnB, wte, x).reshape([T, cfg.vocabSize])); // [T, V]
      });
      const lp = logp.dataSync();
      logp.dispose();
      for (let t = 0; t < T; t++) nll -= lp[t * cfg.vocabSize + window[t + 1]];
      count += T;
    }
  } finally {
    tf.dispose([wte, wpe, lnW, lnB, ...layers.flatMap((w) => Object.values(w))]);
  }
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

function tensorShape(model: LanguageModel, p: string): number[] {
  const { nEmbd: C, nFfn: F } = model.config;
  const table: Record<string, number[]> = {
    'attn.qkv.weight': [C, 3 * C],
    'attn.qkv.bias': [3 * C],
    'attn.proj.weight': [C, C],
    'mlp.up.weight': [C, F],
    'mlp.up.bias': [F],
    'mlp.down.weight': [F, C],
  };
  return table[p] ?? [C];
}
