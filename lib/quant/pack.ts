// Bit packing: unsigned integer codes of `bits` bits (1..8) laid end to end in a byte array, least significant bit
// first, so n codes take exactly ceil(n·bits/8) bytes. int4 is two codes per byte (low nibble first); int3 packs
// 8 codes into 3 bytes, codes crossing byte boundaries. This is what makes a quantized matrix really take its size.

/** Bytes that n codes of `bits` bits occupy when packed. */
export function packedBytes(n: number, bits: number): number {
  validateBits(bits, 1);
  return Math.ceil((n * bits) / 8);
}

/** Packs codes (each in 0..2^bits-1) into ceil(n·bits/8) bytes. Throws on a code out of range. */
export function packBits(codes: ArrayLike<number>, bits: number): Uint8Array {
  validateBits(bits, 1);
  const n = codes.length,
    max = (1 << bits) - 1;
  const out = new Uint8Array(packedBytes(n, bits));
  if (bits === 8) {
    for (let i = 0; i < n; i++) out[i] = checkCode(codes[i], max, i);
    return out;
  }
  if (bits === 4) {
    for (let i = 0; i < n; i++) out[i >> 1] |= checkCode(codes[i], max, i) << ((i & 1) << 2);
    return out;
  }
  // General case: a code starting at bit position p spans byte p>>3 and possibly the next one.
  for (let i = 0, p = 0; i < n; i++, p += bits) {
    const c = checkCode(codes[i], max, i);
    const byte = p >> 3,
      shift = p & 7;
    out[byte] |= (c << shift) & 0xff;
    if (shift + bits > 8) out[byte + 1] |= c >> (8 - shift);
  }
  return out;
}

/** Unpacks n codes of `bits` bits from `packed` (the inverse of packBits). Throws if `packed` is too short. */
export function unpackBits(packed: Uint8Array, bits: number, n: number, out = new Uint8Array(n)): Uint8Array {
  validateBits(bits, 1);
  const need = packedBytes(n, bits);
  if (packed.length < need)
    throw new Error(`unpackBits: ${n} codes of ${bits} bits need ${need} bytes, got ${packed.length}`);
  const mask = (1 << bits) - 1;
  if (bits === 8) {
    out.set(packed.subarray(0, n));
    return out;
  }
  if (bits === 4) {
    for (let i = 0; i < n; i++) out[i] = (packed[i >> 1] >> ((i & 1) << 2)) & 15;
    return out;
  }
  for (let i = 0, p = 0; i < n; i++, p += bits) {
    const byte = p >> 3,
      shift = p & 7;
    // Two bytes as one little-endian 16-bit word always hold the whole code (bits <= 8, shift <= 7).
    const word = packed[byte] | ((byte + 1 < packed.length ? packed[byte + 1] : 0) << 8);
    out[i] = (word >> shift) & mask;
  }
  return out;
}

/** Throws unless bits is a whole number from `min` to 8; returns it. */
export function validateBits(bits: number, min: number): number {
  if (!Number.isInteger(bits) || bits < min || bits > 8)
    throw new Error(`bits must be an integer from ${min} to 8, got ${bits}`);
  return bits;
}

function checkCode(c: number, max: number, i: number): number {
  if (!Number.isInteger(c) || c < 0 || c > max)
    throw new Error(`packBits: code ${c} at index ${i} is outside 0..${max}`);
  return c;
}
