// The fused int4 matrix-vector product equals x times the dequantized matrix, for every group size.
import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '../../../lib/random.ts';
import { dequantizeMatrix, quantizeMatrix, transpose } from '../../../lib/quant/matrix.ts';
import { int4Kernel, matVecF32, matVecInt4 } from '../../../lib/quant/matvec.ts';

describe('matVecInt4', () => {
  it('equals x · dequantize(W) (relative 1e-5) for random W and x, groups 32/64/128, symmetric or not', () => {
    const rng = mulberry32(21);
    for (const [inDim, outDim] of [
      [128, 384],
      [512, 128],
      [256, 7],
    ])
      for (const groupSize of [32, 64, 128])
        for (const symmetric of [false, true]) {
          const w = Float32Array.from({ length: inDim * outDim }, () => randn(rng) * 0.05);
          const x = Float32Array.from({ length: inDim }, () => randn(rng));
          const q = quantizeMatrix(w, inDim, outDim, { bits: 4, groupSize, symmetric });
          const y = matVecInt4(int4Kernel(q), x);
          const ref = matVecF32(transpose(dequantizeMatrix(q), inDim, outDim), inDim, outDim, x);
          const scale = Math.max(...ref.map(Math.abs));
          for (let j = 0; j < outDim; j++) expect(Math.abs(y[j] - ref[j])).toBeLessThan(1e-5 * scale + 1e-6);
        }
  });

  it('matVecF32 is x W for W stored transposed', () => {
    const w = Float32Array.from([1, 2, 3, 4, 5, 6]); // [in 2, out 3]
    expect(Array.from(matVecF32(transpose(w, 2, 3), 2, 3, Float32Array.from([1, -1])))).toEqual([-3, -3, -3]);
  });

  it('refuses other widths and mismatched sizes', () => {
    const q3 = quantizeMatrix(new Float32Array(64 * 4).fill(1), 64, 4, { bits: 3, groupSize: 32 });
    expect(() =>
      int4Kernel(quantizeMatrix(new Float32Array(60 * 4).fill(1), 60, 4, { bits: 4, groupSize: 12 })),
    ).toThrow(/multiple of 8/);
    expect(() => int4Kernel(q3)).toThrow(/needs 4-bit codes, got 3/);
    const q4 = quantizeMatrix(new Float32Array(64 * 4).fill(1), 64, 4, { bits: 4, groupSize: 32 });
    expect(() => matVecInt4(int4Kernel(q4), new Float32Array(10))).toThrow(/x has 10 values, W has 64 inputs/);
  });
});
