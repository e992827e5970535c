// The GPT forward pass of lib/gpt.ts split at layer boundaries, so an offloading executor can load one layer's
// weights, run it for several GPU batches, and move on. Each layer is lib/gpt.ts's one `block` (the same one
// forwardTensors runs), with a gather embedding, a causal bias and no hooks, so the results match it.
import * as tf from '@tensorflow/tfjs';
import type { GPTConfig } from '../config.ts';
import { block, causalBias, layerNorm, linear } from '../gpt.ts';

/** One layer's parameters by their short names ("ln_1.weight", "attn.qkv.weight", …). */
export type LayerParams = Record<string, tf.Tensor>;

export const LAYER_PARAM_NAMES = [
  'ln_1.weight',
  'ln_1.bias',
  'attn.qkv.weight',
  'attn.qkv.bias',
  'attn.proj.weight',
  'attn.proj.bias',
  'ln_2.weight',
  'ln_2.bias',
  'mlp.up.weight',
  'mlp.up.bias',
  'mlp.down.weight',
  'mlp.down.bias',
];

/** Token + position embeddings of tokens [B, T] placed after `past` cached positions: [B, T, C]. */
export function embed(cfg: GPTConfig, wte: tf.Tensor, wpe: tf.Tensor, tokens: tf.Tensor2D, past: number): tf.Tensor3D {
  const T = tokens.shape[1];
  const tokEmb = tf.gather(wte, tokens); // [B, T, C]
  const posEmb = wpe.slice([past, 0], [T, cfg.nEmbd]).expandDims(0); // [1, T, C]
  return tf.add(tokEmb, posEmb) as tf.Tensor3D;
}

/** One transformer block on x [B, T, C] with the layer's cached keys/values (each [B, H, P, hs]) or none: lib/gpt.ts's
 *  block with this layer's weights and a causal bias. `readKV`, if given, changes the keys and values attention
 *  reads (e.g. a 4-bit round trip); the returned cache is unchanged. */
export function blockForward(
  cfg: GPTConfig,
  w: LayerParams,
  x: tf.Tensor3D,
  past?: { k: tf.Tensor4D; v: tf.Tensor4D },
  readKV?: (t: tf.Tensor4D) => tf.Tensor4D,
): { x: tf.Tensor3D; k: tf.Tensor4D; v: tf.Tensor4D } {
  const T = x.shape[1];
  const P = past?.k.shape[2] ?? 0;
  const {
    x: y,
    k,
    v,
  } = block(cfg, x, {
    w: (name) => w[name],
    lin: (name, input) => linear(input, w[`${name}.weight`], w[`${name}.bias`]),
    bias: causalBias(T, P), // [T, P+T]
    past,
    readKV,
  });
  return { x: y, k, v };
}

/** Final LayerNorm and the tied output projection for every position: [B, T, V]. */
export function headAll(cfg: GPTConfig, lnW: tf.Tensor, lnB: tf.Tensor, wte: tf.Tensor, x: tf.Tensor3D): tf.Tensor3D {
  const [B, T, C] = x.shape;
  const xf = layerNorm(x, lnW, lnB); // [B, T, C]
  return tf.matMul(xf.reshape([B * T, C]), wte, false, true).reshape([B, T, cfg.vocabSize]) as tf.Tensor3D;
}

/** Final LayerNorm and the tied output projection: logits of the last position, [B, V]. */
export function headForward(
  cfg: GPTConfig,
  lnW: tf.Tensor,
  lnB: tf.Tensor,
  wte: tf.Tensor,
  x: tf.Tensor3D,
): tf.Tensor2D {
  const [B, T] = x.shape;
  const logits = headAll(cfg, lnW, lnB, wte, x); // [B, T, V]
  return logits.slice([0, T - 1, 0], [B, 1, cfg.vocabSize]).reshape([B, cfg.vocabSize]) as tf.Tensor2D;
}
