// The shared helpers of lib/stats.ts and lib/bits.ts against their definitions, on seeded random inputs.
import { describe, expect, it } from 'vitest';
import { bytesOf, FNV_OFFSET, fnv1aUpdate, popcount } from '../../lib/bits.ts';
import { fnv1a } from '../../lib/fingerprint.ts';
import { mulberry32 } from '../../lib/random.ts';
import { median } from '../../lib/stats.ts';

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('splits random samples in half and ignores their order', () => {
    const rng = mulberry32(7);
    for (let trial = 0; trial < 50; trial++) {
      const xs = Array.from({ length: 1 + Math.floor(rng() * 20) }, () => Math.round(rng() * 1000));
      const m = median(xs);
      expect(xs.filter((x) => x < m).length).toBeLessThanOrEqual(xs.length / 2);
      expect(xs.filter((x) => x > m).length).toBeLessThanOrEqual(xs.length / 2);
      expect(median([...xs].reverse())).toBe(m);
    }
  });

  it('leaves its input unsorted', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('popcount', () => {
  it('counts the set bits of random 32-bit words', () => {
    const rng = mulberry32(3);
    for (let trial = 0; trial < 500; trial++) {
      const x = Math.floor(rng() * 2 ** 32) >>> 0;
      let n = 0;
      for (let b = 0; b < 32; b++) n += (x >>> b) & 1;
      expect(popcount(x)).toBe(n);
    }
    expect(popcount(0)).toBe(0);
    expect(popcount(0xffffffff)).toBe(32);
    expect(popcount(-1)).toBe(32);
  });
});

describe('FNV-1a', () => {
  const ascii = (s: string) => new TextEncoder().encode(s);
  it('matches the published 32-bit test vectors', () => {
    expect(fnv1aUpdate(FNV_OFFSET, ascii(''))).toBe(0x811c9dc5);
    expect(fnv1aUpdate(FNV_OFFSET, ascii('a'))).toBe(0xe40c292c);
    expect(fnv1aUpdate(FNV_OFFSET, ascii('foobar'))).toBe(0xbf9cf968);
    expect(fnv1a(ascii('foobar'))).toBe('bf9cf968');
  });

  it('continues a running hash: hashing in pieces equals hashing the whole', () => {
    const rng = mulberry32(11);
    const data = new Uint8Array(257).map(() => Math.floor(rng() * 256));
    const cut = 100;
    const pieces = fnv1aUpdate(fnv1aUpdate(FNV_OFFSET, data.subarray(0, cut)), data.subarray(cut));
    expect(pieces).toBe(fnv1aUpdate(FNV_OFFSET, data));
    expect(fnv1a(data.subarray(cut), fnv1aUpdate(FNV_OFFSET, data.subarray(0, cut)))).toBe(fnv1a(data));
  });

  it('reads a typed array through bytesOf without copying', () => {
    const f = new Float32Array([1, 2, 3, 4]).subarray(1, 3);
    const b = bytesOf(f);
    expect(b.byteLength).toBe(8);
    expect(b.buffer).toBe(f.buffer);
    expect(new Float32Array(b.slice().buffer)).toEqual(new Float32Array([2, 3]));
  });
});
