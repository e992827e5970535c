// lib/quant/group.ts and matrix.ts: every value is within half a step of its reconstruction (all widths, group
// sizes, both modes, awkward distributions), sizes match the arithmetic, and bad input is refused clearly.
import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '../../../lib/random.ts';
import {
  dequantizeGroups,
  fakeQuantize,
  groupsPerRow,
  groupZeros,
  quantizeGroups,
  quantizedBytes,
} from '../../../lib/quant/group.ts';
import { dequantizeMatrix, quantizeMatrix, transpose } from '../../../lib/quant/matrix.ts';

// Random test data of different characters: Gaussian, Gaussian with rare 20x outliers, all positive, tiny values.
function randomValues(rng: () => number, n: number, kind: number): Float32Array {
  return Float32Array.from({ length: n }, () => {
    const g = randn(rng);
    if (kind === 0) return g;
    if (kind === 1) return rng() < 0.01 ? 20 * g : g;
    if (kind === 2) return Math.abs(g) + 3;
    return g * 1e-6;
  });
}

describe('quantizeGroups / dequantizeGroups', () => {
  it('reconstructs every value within half a step Δ/2 of its group (property over random rows, bits 2..8, groups 32/64/128)', () => {
    const rng = mulberry32(5);
    let checked = 0;
    for (let trial = 0; trial < 12; trial++) {
      const rowLength = [128, 100, 512, 37][trial % 4]; // 100 and 37 leave a short last group
      const rows = 1 + (trial % 3);
      const values = randomValues(rng, rows * rowLength, trial % 4);
      for (let bits = 2; bits <= 8; bits++) {
        for (const groupSize of [32, 64, 128]) {
          for (const symmetric of [false, true]) {
            const q = quantizeGroups(values, { bits, groupSize, symmetric }, rowLength);
            const back = dequantizeGroups(q);
            const G = groupsPerRow(rowLength, groupSize);
            const zeros = groupZeros(q);
            for (let i = 0; i < values.length; i++) {
              const r = Math.floor(i / rowLength),
                g = Math.floor((i % rowLength) / groupSize);
              const step = q.scales[r * G + g];
              expect(step).toBeGreaterThan(0);
              // Half a step, plus float32 rounding of the reconstruction itself.
              const tol = step / 2 + 4e-7 * Math.max(Math.abs(values[i]), step * (1 << bits));
              if (!(Math.abs(back[i] - values[i]) <= tol))
                throw new Error(
                  `bits ${bits} group ${groupSize} sym ${symmetric}: value ${values[i]} -> ${back[i]}, step ${step}`,
                );
              checked++;
            }
            if (!symmetric) for (const z of zeros) expect(z).toBeLessThan(1 << bits);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100_000);
  });

  it('uses the whole code range: min-max steps are (max - min)/(2^bits - 1), symmetric steps max|w|/(2^(bits-1) - 1)', () => {
    // Asymmetric 2-bit: [-1, 2] -> Δ = 1, z = 1, grid -1, 0, 1, 2.
    const a = quantizeGroups([-1, 0, 0.4, 2], { bits: 2, groupSize: 4 });
    expect(a.scales[0]).toBe(1);
    expect(Array.from(groupZeros(a))).toEqual([1]);
    expect(Array.from(dequantizeGroups(a))).toEqual([-1, 0, 0, 2]);
    // Symmetric 4-bit: max|w| = 0.7 -> Δ = 0.1, codes -7..7 used of -8..7.
    const s = quantizeGroups([0.7, -0.7, 0.26, 0.04], { bits: 4, groupSize: 4, symmetric: true });
    expect(s.scales[0]).toBeCloseTo(0.1, 7);
    expect(Array.from(dequantizeGroups(s)).map((v) => +v.toFixed(6))).toEqual([0.7, -0.7, 0.3, 0]);
  });

  it('is idempotent, keeps zero exact and scales each group independently', () => {
    const rng = mulberry32(8);
    const v = randomValues(rng, 256, 0);
    v[3] = 0;
    v[200] = 50; // an outlier in the last group of 64 only
    const opts = { bits: 3, groupSize: 64 };
    const once = fakeQuantize(v, opts);
    expect(once[3]).toBe(0);
    const twice = fakeQuantize(once, opts);
    for (let i = 0; i < v.length; i++) expect(twice[i]).toBeCloseTo(once[i], 5);
    const q = quantizeGroups(v, opts);
    expect(q.scales[3]).toBeGreaterThan(5 * Math.max(q.scales[0], q.scales[1], q.scales[2]));
  });

  it('an all-zero group reconstructs to zeros', () => {
    expect(Array.from(fakeQuantize(new Float32Array(8), { bits: 4, groupSize: 4 }))).toEqual(new Array(8).fill(0));
    expect(Array.from(fakeQuantize(new Float32Array(8), { bits: 4, groupSize: 4, symmetric: true }))).toEqual(
      new Array(8).fill(0),
    );
  });

  it('stores exactly the bytes the arithmetic says: packed codes + 4-byte scales + packed zero points', () => {
    for (const [rows, len, bits, groupSize, symmetric] of [
      [512, 128, 4, 64, false],
      [128, 512, 3, 128, false],
      [7, 100, 3, 32, true],
      [1, 10, 8, 32, false],
    ] as const) {
      const q = quantizeGroups(
        new Float32Array(rows * len).map((_, i) => Math.sin(i)),
        { bits, groupSize, symmetric },
        len,
      );
      const groups = rows * Math.ceil(len / groupSize);
      const size = quantizedBytes(rows, len, { bits, groupSize, symmetric });
      expect(q.codes.length).toBe(Math.ceil((rows * len * bits) / 8));
      expect(q.scales.byteLength).toBe(4 * groups);
      expect(q.zeros?.length ?? 0).toBe(symmetric ? 0 : Math.ceil((groups * bits) / 8));
      expect(size.total).toBe(q.codes.length + q.scales.byteLength + (q.zeros?.length ?? 0));
    }
    // int4, group 64, 128 x 512: 32,768 + 4,096 + 512 bytes, against 262,144 in float32.
    expect(quantizedBytes(512, 128, { bits: 4, groupSize: 64 }).total).toBe(32768 + 4096 + 512);
  });

  it('refuses bad input with a clear message', () => {
    expect(() => quantizeGroups([1, NaN], { bits: 4, groupSize: 2 })).toThrow(
      /value NaN at index 1 is not a finite number/,
    );
    expect(() => quantizeGroups([1, 2], { bits: 1, groupSize: 2 })).toThrow(
      /bits must be an integer from 2 to 8, got 1/,
    );
    expect(() => quantizeGroups([1, 2], { bits: 9, groupSize: 2 })).toThrow(/from 2 to 8, got 9/);
    expect(() => quantizeGroups([1, 2], { bits: 4, groupSize: 0 })).toThrow(/groupSize must be a positive integer/);
    expect(() => quantizeGroups([1, 2, 3], { bits: 4, groupSize: 2 }, 2)).toThrow(
      /3 values do not split into rows of 2/,
    );
  });
});

describe('quantizeMatrix', () => {
  it('groups along the input dimension of W [in, out]: each output column is quantized on its own', () => {
    const rng = mulberry32(3);
    const inDim = 128,
      outDim = 24;
    const w = randomValues(rng, inDim * outDim, 1);
    const opts = { bits: 3, groupSize: 32 };
    const back = dequantizeMatrix(quantizeMatrix(w, inDim, outDim, opts));
    const wt = transpose(w, inDim, outDim);
    for (let j = 0; j < outDim; j++) {
      const column = fakeQuantize(wt.subarray(j * inDim, (j + 1) * inDim), opts);
      for (let i = 0; i < inDim; i++) expect(back[i * outDim + j]).toBe(column[i]);
    }
  });
});
