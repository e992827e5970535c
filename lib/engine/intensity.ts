// Arithmetic intensity, FLOP per byte, of a decode pass of our GPT: the roofline's x axis, one definition for the
// bench, the worker's probe and the widget. Pure arithmetic on the model's shapes (no kernels, so a page can import it).
import type { GPTConfig } from '../config.ts';

/** How a model's linear weights are stored: fp32, or packed codes of `bits` with an fp32 scale and zero per group. */
export type WeightFormat = { bits: 32 } | { bits: 4 | 3; groupSize: number };

/** The int4 format of the roofline's points and of lesson 6's AWQ file. */
export const INT4 = { bits: 4, groupSize: 64 } as const;

/** Bytes per weight of a linear layer: 4 in fp32; bits/8 for the codes plus 8 bytes (scale, zero) per group. */
export function bytesPerWeight(format: WeightFormat): number {
  return format.bits === 32 ? 4 : format.bits / 8 + 8 / format.groupSize;
}

/** What a forward pass does: `tokens` new tokens after `context` cached positions, with weights in `weights`. */
export interface PassShape {
  tokens: number;
  context: number;
  weights: WeightFormat;
}

/**
 * FLOPs of one pass: 2 per weight per token in every linear and the tied head, plus attention's 4·S·C per layer per
 * token (q·k and the weighted sum of v over S cached positions). Layer norms, biases and the softmax are left out
 * (under 1% on our models).
 */
export function passFlops(cfg: GPTConfig, { tokens, context }: Pick<PassShape, 'tokens' | 'context'>): number {
  const { nEmbd: C, nFfn: F, nLayer: L, vocabSize: V } = cfg;
  return tokens * (2 * (L * (3 * C * C + C * C + 2 * C * F) + V * C) + L * 4 * context * C);
}

/**
 * Bytes one pass must bring from memory: every weight once (the linears in `weights`' format; the tied head reads
 * the fp32 embedding, as the lean engine does), and the KV cache (keys and values, fp32, S positions per layer).
 * The new tokens share these bytes: that is why a pass over several tokens costs about one token's bytes.
 */
export function passBytes(cfg: GPTConfig, { context, weights }: Pick<PassShape, 'context' | 'weights'>): number {
  const { nEmbd: C, nFfn: F, nLayer: L, vocabSize: V } = cfg;
  return L * (3 * C * C + C * C + 2 * C * F) * bytesPerWeight(weights) + 4 * V * C + L * 2 * context * C * 4;
}

/** Arithmetic intensity of a pass, FLOP per byte: the roofline's x axis. One token in fp32 is about 0.5. */
export function arithmeticIntensity(cfg: GPTConfig, pass: PassShape): number {
  return passFlops(cfg, pass) / passBytes(cfg, pass);
}

/** FLOPs of one decode step at context S (one token). */
export function decodeFlops(cfg: GPTConfig, S: number): number {
  return passFlops(cfg, { tokens: 1, context: S });
}

/** The roofline: the GFLOP/s a pass of this intensity can reach, the lower of the compute and memory roofs. */
export function attainableGflops(roof: { computeGflops: number; memoryGBs: number }, intensity: number): number {
  return Math.min(roof.computeGflops, roof.memoryGBs * intensity);
}
