// lib/quant/pack.ts: codes of any width 1..8 survive packing, and packed arrays take exactly ceil(n·bits/8) bytes.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/random.ts';
import { packBits, packedBytes, unpackBits } from '../../../lib/quant/pack.ts';

describe('packBits / unpackBits', () => {
  it('round-trips random codes for every width and many lengths, in exactly ceil(n·bits/8) bytes', () => {
    const rng = mulberry32(11);
    for (let bits = 1; bits <= 8; bits++) {
      for (const n of [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000]) {
        const codes = Uint8Array.from({ length: n }, () => Math.floor(rng() * (1 << bits)));
        const packed = packBits(codes, bits);
        expect(packed.length).toBe(Math.ceil((n * bits) / 8));
        expect(packedBytes(n, bits)).toBe(packed.length);
        expect(Array.from(unpackBits(packed, bits, n))).toEqual(Array.from(codes));
      }
    }
  });

  it('puts int4 two per byte, low nibble first, and int3 eight codes in three bytes', () => {
    expect(Array.from(packBits([1, 2, 15, 0], 4))).toEqual([0x21, 0x0f]);
    // codes 0..7 at 3 bits, LSB first: bit string (low to high) 000 100 010 110 001 101 011 111
    expect(Array.from(packBits([0, 1, 2, 3, 4, 5, 6, 7], 3))).toEqual([0b10001000, 0b11000110, 0b11111010]);
  });

  it('rejects codes out of range, bad widths and truncated input with a message', () => {
    expect(() => packBits([16], 4)).toThrow(/code 16 at index 0 is outside 0..15/);
    expect(() => packBits([-1], 4)).toThrow(/outside/);
    expect(() => packBits([1.5], 4)).toThrow(/outside/);
    expect(() => packBits([1], 9)).toThrow(/bits must be an integer from 1 to 8/);
    expect(() => unpackBits(new Uint8Array(2), 3, 8)).toThrow(/8 codes of 3 bits need 3 bytes, got 2/);
  });
});
