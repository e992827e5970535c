import { describe, expect, it } from 'vitest';
import {
  ffnLayout,
  neuronReads,
  rangeReads,
  FlashFfnStore,
  openStoreOrFallBack,
  HEADER_BYTES,
  type FfnWeights,
} from '../../../lib/flash/index.ts';
import { MemoryStorage, OpfsStorage, type SyncAccessHandle } from '../../../lib/storage/index.ts';
import { mulberry32, randn } from '../../../lib/random.ts';
import { dequantizeMatrix, quantizeMatrix } from '../../../lib/quant/matrix.ts';

function randomWeights(L: number, C: number, F: number, seed = 1): FfnWeights {
  const rng = mulberry32(seed),
    r = (n: number) => Float32Array.from({ length: n }, () => randn(rng));
  return {
    nLayer: L,
    nEmbd: C,
    nFfn: F,
    up: Array.from({ length: L }, () => r(C * F)),
    upBias: Array.from({ length: L }, () => r(F)),
    down: Array.from({ length: L }, () => r(F * C)),
    downBias: Array.from({ length: L }, () => r(C)),
  };
}

describe('FFN layouts', () => {
  const cfg = { nLayer: 4, nEmbd: 128, nFfn: 512 };

  it('a neuron is two reads of nEmbd × 4 bytes apart, or one bundle of 2 × nEmbd × 4 bytes', () => {
    const sep = ffnLayout('separate', cfg, 64),
      bun = ffnLayout('bundled', cfg, 64);
    expect(bun.neuronBytes).toBe(2 * 128 * 4);
    expect(sep.layerBytes).toBe(512 * 1024);
    expect(sep.totalBytes).toBe(64 + 4 * 512 * 1024);
    const s = neuronReads(sep, 2, [3, 9]),
      b = neuronReads(bun, 2, [3, 9]);
    expect(s.map((r) => r.length)).toEqual([512, 512, 512, 512]);
    expect(b.map((r) => r.length)).toEqual([1024, 1024]);
    expect(s[0].offset).toBe(64 + 2 * 512 * 1024 + 3 * 512); // up column 3
    expect(s[1].offset).toBe(64 + 2 * 512 * 1024 + 512 * 512 + 3 * 512); // down row 3, after all up columns
    expect(b[1].offset).toBe(64 + 2 * 512 * 1024 + 9 * 1024);
    expect(rangeReads(sep, 0, 256, 512).map((r) => r.length)).toEqual([256 * 512, 256 * 512]);
    expect(rangeReads(bun, 0, 0, 512)).toEqual([{ offset: 64, length: 512 * 1024 }]);
  });

  it('rejects unknown layouts, bad shapes and out-of-range neurons', () => {
    expect(() => ffnLayout('diagonal' as never, cfg, 0)).toThrow(
      /layout must be one of separate, bundled, got "diagonal"/,
    );
    expect(() => ffnLayout('separate', { ...cfg, nEmbd: 0 }, 0)).toThrow(/nEmbd must be a positive integer, got 0/);
    expect(() => neuronReads(ffnLayout('separate', cfg, 0), 0, [512])).toThrow(/neuron 512 is outside 0..511/);
    expect(() => neuronReads(ffnLayout('separate', cfg, 0), 4, [0])).toThrow(/layer 4 is outside 0..3/);
  });
});

describe('FlashFfnStore', () => {
  it('writes each layout so that reading a neuron gives its up column and down row', () => {
    const w = randomWeights(2, 5, 7);
    for (const name of ['separate', 'bundled'] as const) {
      const store = FlashFfnStore.open(new MemoryStorage(), w, name);
      for (let l = 0; l < 2; l++)
        for (let i = 0; i < 7; i++) {
          const got: number[] = [];
          store.readEach(neuronReads(store.layout, l, [i]), (b) =>
            got.push(...new Float32Array(b.buffer, b.byteOffset, b.length / 4)),
          );
          const up = Array.from({ length: 5 }, (_, c) => w.up[l][c * 7 + i]),
            down = Array.from(w.down[l].subarray(i * 5, (i + 1) * 5));
          expect(got).toEqual([...up, ...down]);
        }
      expect(store.storage.counts.reads).toBe(name === 'bundled' ? 14 : 28);
      expect(store.storage.counts.bytesRead).toBe(14 * 2 * 5 * 4);
    }
  });

  it('reuses a matching store, and rebuilds it for other weights, another layout or a half-written file', () => {
    const s = new MemoryStorage(),
      w = randomWeights(1, 4, 8);
    expect(FlashFfnStore.open(s, w, 'separate').rebuilt).toBe(true);
    expect(FlashFfnStore.open(s, w, 'separate').rebuilt).toBe(false);
    expect(FlashFfnStore.open(s, w, 'bundled').rebuilt).toBe(true);
    const w2 = randomWeights(1, 4, 8, 2);
    expect(FlashFfnStore.open(s, w2, 'bundled').rebuilt).toBe(true);
    s.write(32, new Uint8Array(4)); // clear the "complete" flag, as a build cut short leaves it
    expect(FlashFfnStore.open(s, w2, 'bundled').rebuilt).toBe(true);
    expect(s.size()).toBe(HEADER_BYTES + 8 * 2 * 4 * 4);
    expect(s.counts).toEqual({ reads: 0, bytesRead: 0, writes: 0, bytesWritten: 0 }); // building is not charged to tokens
  });

  it('falls back to memory with a clear message when the quota runs out while writing', () => {
    let bytes = new Uint8Array(0);
    const quota = 500;
    const handle: SyncAccessHandle = {
      read(b, o) {
        const at = o?.at ?? 0;
        const n = Math.max(0, Math.min(b.length, bytes.length - at));
        b.set(bytes.subarray(at, at + n));
        return n;
      },
      write(b, o) {
        const at = o?.at ?? 0;
        const n = Math.max(0, Math.min(b.length, quota - at));
        if (at + n > bytes.length) {
          const g = new Uint8Array(at + n);
          g.set(bytes);
          bytes = g;
        }
        bytes.set(b.subarray(0, n), at);
        return n;
      },
      getSize: () => bytes.length,
      truncate(n) {
        bytes = bytes.slice(0, n);
      },
      flush() {},
      close() {},
    };
    const w = randomWeights(2, 8, 16);
    const { store, fallback } = openStoreOrFallBack(new OpfsStorage('ffn.bin', handle), w, 'bundled');
    expect(fallback).toMatch(/ffn\.bin: the browser's storage quota ran out .* using memory instead/);
    expect(store.storage.kind).toBe('memory');
    const got: number[] = [];
    store.readEach(neuronReads(store.layout, 1, [3]), (b) =>
      got.push(...new Float32Array(b.buffer, b.byteOffset, b.length / 4)),
    );
    expect(got.slice(0, 8)).toEqual(Array.from({ length: 8 }, (_, c) => w.up[1][c * 16 + 3]));
  });
});

describe('an int4 FFN store', () => {
  it('reads an eighth of the bytes per neuron and decodes every neuron to exactly its dequantized weights', () => {
    const [L, C, F, group] = [2, 64, 128, 32];
    const base = randomWeights(L, C, F, 7);
    const up = base.up.map((w) => quantizeMatrix(w, C, F, { bits: 4, groupSize: group }));
    const down = base.down.map((w) => quantizeMatrix(w, F, C, { bits: 4, groupSize: group }));
    const w: FfnWeights = {
      ...base,
      up: up.map(dequantizeMatrix),
      down: down.map(dequantizeMatrix),
      int4: { up, down },
    };
    for (const layout of ['separate', 'bundled'] as const) {
      const store = FlashFfnStore.open(new MemoryStorage(), w, layout);
      expect(store.layout.neuronBytes).toBe(ffnLayout(layout, w, HEADER_BYTES).neuronBytes / 8);
      const got = new Float32Array(C);
      for (const l of [0, 1])
        for (const i of [0, 5, 31, 32, 127]) {
          store.readEach(neuronReads(store.layout, l, [i]), (bytes, r) => {
            for (let at = 0; at < r.length; at += store.layout.neuronBytes / 2) {
              const isUp =
                r.length === store.layout.neuronBytes
                  ? at === 0
                  : r.offset < HEADER_BYTES + l * store.layout.layerBytes + F * (C / 2);
              store.decodeHalf(bytes, at, l, i, isUp, got);
              const want = isUp
                ? Float32Array.from({ length: C }, (_, c) => w.up[l][c * F + i])
                : w.down[l].subarray(i * C, (i + 1) * C);
              expect(Array.from(got), `layer ${l} neuron ${i} ${isUp ? 'up' : 'down'} (${layout})`).toEqual(
                Array.from(want),
              );
            }
          });
        }
    }
  });
});
