// Bit and byte helpers shared across lib: counting set bits in bitsets, and the FNV-1a hash behind every checksum and
// fingerprint of our files (lib/fingerprint.ts, the flash store's header).

/** Set bits in a 32-bit word (SWAR popcount). */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** FNV-1a's 32-bit offset basis: the hash of no bytes. */
export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32-bit, continued over `bytes` from a running hash `h` (start with FNV_OFFSET); unsigned. */
export function fnv1aUpdate(h: number, bytes: Uint8Array): number {
  let x = h >>> 0;
  for (let i = 0; i < bytes.length; i++) x = Math.imul(x ^ bytes[i], 0x01000193);
  return x >>> 0;
}

/** The bytes of a typed array, without copying. */
export function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
