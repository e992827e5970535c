import { describe, expect, it } from 'vitest';
import { createKernels, simdSupported } from '../../../lib/engine/kernels.ts';
import { NeuronBuffer } from '../../../lib/flash/index.ts';
import { mulberry32, randInt, randn } from '../../../lib/random.ts';

/** out = Σ_{i in set} ReLU(b_i + x·up_i) down_i, straight from the dense weights (up [C,F], down [F,C]). */
function denseFfnOver(
  set: Iterable<number>,
  x: Float32Array,
  up: Float32Array,
  b: Float32Array,
  down: Float32Array,
  C: number,
  F: number,
): Float64Array {
  const out = new Float64Array(C);
  for (const i of set) {
    let h = b[i];
    for (let c = 0; c < C; c++) h += x[c] * up[c * F + i];
    if (h > 0) for (let c = 0; c < C; c++) out[c] += h * down[i * C + c];
  }
  return out;
}

describe('NeuronBuffer', () => {
  it('its FFN equals the dense FFN over the neurons it holds, after any sequence of appends and deletes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = mulberry32(seed);
      const C = randInt(rng, 1, 12),
        F = randInt(rng, 1, 40);
      const up = Float32Array.from({ length: C * F }, () => randn(rng));
      const down = Float32Array.from({ length: F * C }, () => randn(rng));
      const b = Float32Array.from({ length: F }, () => randn(rng));
      const buf = new NeuronBuffer(C, F, F);
      const held = new Set<number>();
      for (let step = 0; step < 200; step++) {
        const i = randInt(rng, 0, F - 1);
        if (held.has(i)) {
          buf.delete(i);
          held.delete(i);
        } else {
          const r = buf.append(i, b[i]);
          buf.upOf(r).set(Float32Array.from({ length: C }, (_, c) => up[c * F + i]));
          buf.downOf(r).set(down.subarray(i * C, (i + 1) * C));
          held.add(i);
        }
        expect(buf.numUsed).toBe(held.size);
        expect([...buf.neurons()].sort((p, q) => p - q)).toEqual([...held].sort((p, q) => p - q));
        if (step % 20 === 0 || step === 199) {
          const x = Float32Array.from({ length: C }, () => randn(rng));
          const got = new Float32Array(C);
          buf.addFfn(x, got);
          const want = denseFfnOver(held, x, up, b, down, C, F);
          for (let c = 0; c < C; c++) expect(got[c]).toBeCloseTo(want[c], 4);
        }
      }
      // Holding every neuron, it is the whole dense FFN.
      for (let i = 0; i < F; i++)
        if (!held.has(i)) {
          const r = buf.append(i, b[i]);
          buf.upOf(r).set(Float32Array.from({ length: C }, (_, c) => up[c * F + i]));
          buf.downOf(r).set(down.subarray(i * C, (i + 1) * C));
        }
      const x = Float32Array.from({ length: C }, () => randn(rng));
      const got = new Float32Array(C);
      buf.addFfn(x, got);
      const want = denseFfnOver(
        Array.from({ length: F }, (_, i) => i),
        x,
        up,
        b,
        down,
        C,
        F,
      );
      for (let c = 0; c < C; c++) expect(got[c]).toBeCloseTo(want[c], 4);
    }
  });

  it("on the SIMD kernels (rows in a shared heap), its FFN equals the JS kernels' after the same appends and deletes", () => {
    expect(simdSupported()).toBe(true); // Node has WebAssembly SIMD; the comparison below needs it
    for (let seed = 1; seed <= 10; seed++) {
      const rng = mulberry32(100 + seed);
      const C = 4 * randInt(rng, 1, 8),
        F = 4 * randInt(rng, 1, 16);
      const up = Float32Array.from({ length: C * F }, () => randn(rng));
      const down = Float32Array.from({ length: F * C }, () => randn(rng));
      const b = Float32Array.from({ length: F }, () => randn(rng));
      const simd = createKernels('simd');
      // Two buffers in one heap, as FlashFfn's layers share theirs: the second one's rows must not disturb the first's.
      const [fast, other] = [new NeuronBuffer(C, F, F, simd), new NeuronBuffer(C, F, F, simd)];
      const slow = new NeuronBuffer(C, F, F);
      for (let step = 0; step < 150; step++) {
        const i = randInt(rng, 0, F - 1);
        for (const buf of [fast, slow, other]) {
          if (buf.has(i)) buf.delete(i);
          else {
            const r = buf.append(i, b[i]);
            buf.upOf(r).set(Float32Array.from({ length: C }, (_, c) => (buf === other ? -1 : 1) * up[c * F + i]));
            buf.downOf(r).set(down.subarray(i * C, (i + 1) * C));
          }
        }
        const x = Float32Array.from({ length: C }, () => randn(rng));
        const [got, want] = [Float32Array.from(x), Float32Array.from(x)];
        fast.addFfn(x, got);
        slow.addFfn(x, want);
        expect([...fast.neurons()]).toEqual([...slow.neurons()]);
        for (let c = 0; c < C; c++) expect(got[c]).toBeCloseTo(want[c], 3);
      }
    }
  });

  it('deleting moves only the last row into the hole; deleting the last row moves nothing', () => {
    const buf = new NeuronBuffer(2, 8, 4);
    for (const i of [5, 1, 7]) buf.append(i, i);
    buf.delete(5); // row 0 <- row 2 (neuron 7)
    expect([...buf.neurons()]).toEqual([7, 1]);
    expect(buf.biasOf(0)).toBe(7);
    expect(buf.rowsMoved).toBe(1);
    buf.delete(1); // the last row: nothing moves
    expect(buf.rowsMoved).toBe(1);
    expect(buf.has(1)).toBe(false);
  });

  it('rejects bad neurons, duplicates, overflow and missing deletes with clear errors', () => {
    const buf = new NeuronBuffer(2, 4, 2);
    expect(() => buf.append(4, 0)).toThrow(/neuron 4 is outside 0..3/);
    buf.append(0, 0);
    expect(() => buf.append(0, 0)).toThrow(/already held/);
    buf.append(1, 0);
    expect(() => buf.append(2, 0)).toThrow(/full \(2 neurons\)/);
    expect(() => buf.delete(3)).toThrow(/neuron 3 is not held/);
    expect(() => new NeuronBuffer(2, 4, 5)).toThrow(/capacity 5 exceeds/);
    expect(() => new NeuronBuffer(0, 4)).toThrow(/nEmbd must be a positive integer/);
  });
});
