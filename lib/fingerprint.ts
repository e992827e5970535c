// Checksums for our binary files (the LoRA adapter file, the quantized model file): FNV-1a over bytes, and a
// fingerprint of a model's fp32 weights so a file made from a model can name that model exactly.
import { parameterShapes, type GPTConfig } from './config.ts';

/** FNV-1a, 32-bit, as 8 hex digits: a cheap checksum that catches flipped or shifted bytes. `hash` continues a running one. */
export function fnv1a(bytes: Uint8Array, hash = 0x811c9dc5): string {
  let h = hash >>> 0;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A fingerprint of a model's weights (every tensor, in config order): changes if any bit of any weight changes. */
export function weightsFingerprint(cfg: GPTConfig, weights: Record<string, Float32Array>): string {
  let h = 0x811c9dc5;
  for (const name of parameterShapes(cfg).keys()) {
    const w = weights[name];
    if (!w) throw new Error(`weightsFingerprint: missing ${name}`);
    h = parseInt(fnv1a(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), h), 16);
  }
  return h.toString(16).padStart(8, '0');
}
