// Checksums for our binary files (the LoRA adapter file, the quantized model file): FNV-1a over bytes, and a
// fingerprint of a model's fp32 weights so a file made from a model can name that model exactly.
import { bytesOf, FNV_OFFSET, fnv1aUpdate } from './bits.ts';
import { parameterShapes, type GPTConfig } from './config.ts';

/** FNV-1a, 32-bit, as 8 hex digits: a cheap checksum that catches flipped or shifted bytes. `hash` continues a running one. */
export function fnv1a(bytes: Uint8Array, hash = FNV_OFFSET): string {
  return fnv1aUpdate(hash, bytes).toString(16).padStart(8, '0');
}

/** A fingerprint of a model's weights (every tensor, in config order): changes if any bit of any weight changes. */
export function weightsFingerprint(cfg: GPTConfig, weights: Record<string, Float32Array>): string {
  let h = FNV_OFFSET;
  for (const name of parameterShapes(cfg).keys()) {
    const w = weights[name];
    if (!w) throw new Error(`weightsFingerprint: missing ${name}`);
    h = fnv1aUpdate(h, bytesOf(w));
  }
  return h.toString(16).padStart(8, '0');
}
