// lib/vecmat-tf.ts on the cpu and wasm backends: dense and row-gather products equal tf.matMul and the plain
// views, and no public call leaks a tensor.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import { columnsView, elementsView, randomMatrix, randomSparseVector, rowsView } from '../../lib/vecmat.ts';
import { compareDenseVsGather, denseProduct, randomWeights, rowGatherProduct } from '../../lib/vecmat-tf.ts';
import { median } from '../../lib/stats.ts';

/** Runs `fn` and checks that it leaves the number of live tensors unchanged. */
async function noLeak<T>(fn: () => T | Promise<T>): Promise<T> {
  const before = tf.memory().numTensors;
  const out = await fn();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

function tfMatMul(x: ArrayLike<number>, W: number[][]): number[] {
  return tf.tidy(() => Array.from(tf.matMul(tf.tensor2d([Array.from(x)]), tf.tensor2d(W)).dataSync()));
}

const TOL = 1e-4;
const expectClose = (a: ArrayLike<number>, b: ArrayLike<number>, tol = TOL) => {
  expect(a.length).toBe(b.length);
  for (let j = 0; j < a.length; j++) expect(Math.abs(a[j] - b[j])).toBeLessThanOrEqual(tol * (1 + Math.abs(b[j])));
};

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`on the ${backend} backend`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      await tf.ready();
    });
    afterAll(() => tf.disposeVariables());

    it('the three plain views agree with tf.matMul on seeded inputs of several shapes', () => {
      const rng = mulberry32(11);
      for (let t = 0; t < 25; t++) {
        const n = 1 + Math.floor(rng() * 9);
        const m = 1 + Math.floor(rng() * 12);
        const x = randomMatrix(1, n, 100 + t, { decimals: 1 })[0].map((v) => (rng() < 0.3 ? 0 : v));
        const W = randomMatrix(n, m, t, { decimals: 1 });
        const ref = tfMatMul(x, W);
        expectClose(elementsView(x, W).y, ref);
        expectClose(rowsView(x, W).y, ref);
        expectClose(columnsView(x, W).y, ref);
      }
    });

    it('denseProduct and rowGatherProduct equal tf.matMul, with nested or flat W, and leak nothing', async () => {
      const rng = mulberry32(3);
      for (let t = 0; t < 20; t++) {
        const n = 1 + Math.floor(rng() * 40);
        const m = 1 + Math.floor(rng() * 40);
        const x = Array.from(randomSparseVector(n, rng(), t));
        const W = randomMatrix(n, m, t, { decimals: 1 });
        const ref = tfMatMul(x, W);
        expectClose(await noLeak(() => denseProduct(x, W)), ref);
        expectClose(await noLeak(() => rowGatherProduct(x, W)), ref);
        const flat = { data: Float32Array.from(W.flat()), shape: [n, m] as [number, number] };
        expectClose(await noLeak(() => rowGatherProduct(Float32Array.from(x), flat)), ref);
      }
    });

    it('rowGatherProduct handles an all-zero x (returns zeros) and an x with no zeros (equals dense)', async () => {
      const W = randomMatrix(5, 4, 9);
      expect(await noLeak(() => rowGatherProduct([0, 0, 0, 0, 0], W))).toEqual([0, 0, 0, 0]);
      const x = [1, -2, 3, 0.5, 4];
      expectClose(await noLeak(() => rowGatherProduct(x, W)), denseProduct(x, W));
    });

    it('rejects mismatched shapes with a clear message', () => {
      expect(() => denseProduct([1, 2], [[1], [2], [3]])).toThrow(/x has 2 entries but W has 3 rows/);
      expect(() => rowGatherProduct([1], { data: [1, 2, 3], shape: [1, 2] })).toThrow(/3 values/);
    });

    it('compareDenseVsGather agrees to 1e-3, reads only the non-zero rows, times both, and leaks nothing', async () => {
      const progress: number[] = [];
      const r = await noLeak(() =>
        compareDenseVsGather({
          n: 256,
          m: 128,
          zeroFraction: 0.9,
          seed: 4,
          repeats: 3,
          onProgress: (d) => progress.push(d),
        }),
      );
      expect(r.backend).toBe(backend);
      expect(r.maxAbsDiff).toBeLessThan(1e-3);
      expect(r.rowsRead).toBe(256 - Math.round(0.9 * 256));
      expect(r.denseRuns).toHaveLength(3);
      expect(r.denseMs).toBe(median(r.denseRuns));
      expect(r.loopMaxAbsDiff).toBeLessThan(1e-3);
      expect(r.loopSkipRuns).toHaveLength(3);
      expect(r.loopDenseMs).toBe(median(r.loopDenseRuns));
      expect(r.gatherMs).toBeGreaterThanOrEqual(0);
      expect(progress).toEqual([1, 2, 3]);
      const all = await noLeak(() => compareDenseVsGather({ n: 16, m: 8, zeroFraction: 1, repeats: 1 }));
      expect(all.rowsRead).toBe(0);
      expect(all.maxAbsDiff).toBe(0);
      await expect(compareDenseVsGather({ n: 0, m: 8, zeroFraction: 0.5 })).rejects.toThrow(
        /n must be a positive integer/,
      );
    });
  });
}

describe('helpers', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('randomWeights is seeded and scaled by 1/√n', () => {
    const a = randomWeights(400, 10, 1);
    expect(a).toEqual(randomWeights(400, 10, 1));
    const sd = Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
    expect(Math.abs(sd - 1 / 20)).toBeLessThan(0.005);
  });
});
