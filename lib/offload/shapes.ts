// Model shapes for the offloading cost model: the paper's OPT models and ours, in FlexGen's notation
// (l layers, hidden size h1, FFN size h2, nh heads). Sizes count fp16 values (2 bytes), as the paper does.
// Reference: Sheng et al. 2023, FlexGen (arXiv 2303.06865) §3; OPT shapes from FMInference/FlexGen flexgen/opt_config.py.
import type { GPTConfig } from '../config.ts';

export interface ModelShape {
  name: string;
  /** Transformer layers. */
  l: number;
  /** Hidden size (width of the residual stream). */
  h1: number;
  /** FFN size (4 * h1 in OPT). */
  h2: number;
  /** Attention heads. */
  nh: number;
}

export const OPT_SHAPES = {
  'opt-6.7b': { name: 'OPT-6.7B', l: 32, h1: 4096, h2: 16384, nh: 32 },
  'opt-30b': { name: 'OPT-30B', l: 48, h1: 7168, h2: 28672, nh: 56 },
  'opt-175b': { name: 'OPT-175B', l: 96, h1: 12288, h2: 49152, nh: 96 },
} satisfies Record<string, ModelShape>;

export type OptName = keyof typeof OPT_SHAPES;

/** Our GPT config in the cost model's notation. */
export function shapeOf(cfg: GPTConfig, name = 'ours'): ModelShape {
  return { name, l: cfg.nLayer, h1: cfg.nEmbd, h2: cfg.nFfn, nh: cfg.nHead };
}

/** Bytes of one layer's fp16 weights: 4 h1×h1 attention matrices and two h1×h2 FFN matrices, 2 bytes each (biases and LayerNorms left out, as in the paper). */
export function layerWeightBytes(m: ModelShape): number {
  return 8 * m.h1 * m.h1 + 4 * m.h1 * m.h2;
}

/** All layers' weights, l (8 h1² + 4 h1 h2) bytes [§3]. */
export function weightBytes(m: ModelShape): number {
  return m.l * layerWeightBytes(m);
}

/** Peak KV cache of b sequences with prompt s and n generated tokens: 4 b l h1 (s + n) bytes (K and V, fp16) [§3]. */
export function kvCacheBytes(m: ModelShape, b: number, s: number, n: number): number {
  return 4 * b * m.l * m.h1 * (s + n);
}
