// lib/vecmat.ts: the three views of y = xW agree with each other and with the textbook loop, and count costs right.
import { describe, expect, it } from 'vitest';
import { mulberry32, randn } from '../../lib/random.ts';
import {
  columnsView,
  elementsView,
  matVec,
  nonZeroIndices,
  randomMatrix,
  randomSparseVector,
  rowLoopProduct,
  rowsView,
  sparsityPlan,
} from '../../lib/vecmat.ts';

const X = [2, 0, 1];
const W = [
  [1, 0, 2, -1, 3, 1],
  [4, 1, 0, 2, -2, 5],
  [0, 3, 1, 1, 1, -1],
];

describe('mulberry32 / randn', () => {
  it('mulberry32(seed) repeats exactly for the same seed and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mulberry32(43)()).not.toBe(mulberry32(42)());
  });
  it('randn has mean ≈ 0 and variance ≈ 1', () => {
    const rng = mulberry32(7);
    const s = Array.from({ length: 20000 }, () => randn(rng));
    const mean = s.reduce((a, b) => a + b) / s.length;
    const v = s.reduce((a, b) => a + (b - mean) ** 2, 0) / s.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(v - 1)).toBeLessThan(0.05);
  });
});

describe('the worked example x = (2, 0, 1)', () => {
  it('rowsView gives y = (2, 3, 5, -1, 7, 1) and skips row 2 (6 of 18 weights)', () => {
    const r = rowsView(X, W);
    expect(r.y).toEqual([2, 3, 5, -1, 7, 1]);
    expect(r.skippedRows).toEqual([1]);
    expect(r.steps.map((s) => s.skipped)).toEqual([false, true, false]);
    expect(r.steps[0].partial).toEqual([2, 0, 4, -2, 6, 2]);
    expect(r.steps[1].partial).toEqual([2, 0, 4, -2, 6, 2]);
    expect(r.cost.dense).toEqual({ multiplyAdds: 18, weightsRead: 18, bytesRead: 72 });
    expect(r.cost.actual).toEqual({ multiplyAdds: 12, weightsRead: 12, bytesRead: 48 });
  });
  it('elementsView fills the 3×6 grid of products and sums it column by column', () => {
    const r = elementsView(X, W);
    expect(r.products[1]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.products[0]).toEqual([2, 0, 4, -2, 6, 2]);
    expect(r.steps).toHaveLength(18);
    expect(r.steps.slice(0, 3).map((s) => [s.i, s.j])).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    expect(r.steps.at(-1)!.partial).toEqual(r.y);
    expect(r.cost.actual).toEqual(r.cost.dense);
  });
  it('columnsView with known-zero outputs skips those columns and flags wrong guesses', () => {
    // y = (2, 3, 5, -1, 7, 1): column 3 is negative, so ReLU zeroes it; column 0 is positive.
    const r = columnsView(X, W, { skipColumns: [3, 0] });
    expect(r.exact).toEqual([2, 3, 5, -1, 7, 1]);
    expect(r.y).toEqual([0, 3, 5, 0, 7, 1]);
    expect(r.skippedColumns).toEqual([0, 3]);
    expect(r.wrongSkips).toEqual([0]);
    expect(r.cost.actual).toEqual({ multiplyAdds: 12, weightsRead: 12, bytesRead: 48 });
    expect(() => columnsView(X, W, { skipColumns: [6] })).toThrow(/outside 0..5/);
  });
  it('bytesPerWeight scales bytes only', () => {
    const r = rowsView(X, W, { bytesPerWeight: 2 });
    expect(r.cost.dense.bytesRead).toBe(36);
    expect(r.cost.actual.bytesRead).toBe(24);
    expect(r.cost.actual.multiplyAdds).toBe(12);
    expect(() => rowsView(X, W, { bytesPerWeight: 0 })).toThrow(/bytesPerWeight/);
  });
});

describe('the three views agree (property-style, seeded)', () => {
  const rng = mulberry32(2024);
  for (let trial = 0; trial < 60; trial++) {
    const n = 1 + Math.floor(rng() * 7);
    const m = 1 + Math.floor(rng() * 9);
    const seed = Math.floor(rng() * 1e6);
    const x = randomMatrix(1, n, seed + 1, { decimals: trial % 2 })[0].map((v) => (rng() < 0.3 ? 0 : v));
    const w = randomMatrix(n, m, seed, { decimals: trial % 2 });
    it(`trial ${trial}: n=${n} m=${m}`, () => {
      const ref = matVec(x, w);
      const close = (a: number[]) => a.forEach((v, j) => expect(v).toBeCloseTo(ref[j], 9));
      close(elementsView(x, w).y);
      const rows = rowsView(x, w);
      close(rows.y);
      close(columnsView(x, w).y);
      expect(rows.skippedRows).toEqual(x.flatMap((v, i) => (v === 0 ? [i] : [])));
      expect(rows.cost.actual.multiplyAdds).toBe((n - rows.skippedRows.length) * m);
      expect(rows.cost.dense.multiplyAdds).toBe(n * m);
      // Skipping a random set of columns changes only those outputs.
      const skip = Array.from({ length: m }, (_, j) => j).filter(() => rng() < 0.4);
      const cols = columnsView(x, w, { skipColumns: skip });
      cols.y.forEach((v, j) => expect(v).toBeCloseTo(skip.includes(j) ? 0 : ref[j], 9));
      expect(cols.cost.actual.weightsRead).toBe(n * (m - skip.length));
    });
  }
});

describe('input checks', () => {
  it('rejects mismatched, ragged and non-finite inputs with a clear message', () => {
    expect(() => rowsView([1, 2], W)).toThrow(/x has 2 entries but W has 3 rows/);
    expect(() => rowsView([1, 2], [[1, 2], [3]])).toThrow(/ragged/);
    expect(() => rowsView([1, NaN], [[1], [2]])).toThrow(/x\[1\]/);
    expect(() => rowsView([], [])).toThrow(/at least one/);
  });
});

describe('seeded data', () => {
  it('randomMatrix is reproducible, readable and clamped', () => {
    const a = randomMatrix(3, 6, 1);
    expect(a).toEqual(randomMatrix(3, 6, 1));
    expect(a).not.toEqual(randomMatrix(3, 6, 2));
    for (const v of a.flat()) {
      expect(Number.isInteger(v)).toBe(true);
      expect(Math.abs(v)).toBeLessThanOrEqual(9);
      expect(Object.is(v, -0)).toBe(false);
    }
    for (const v of randomMatrix(4, 4, 3, { decimals: 1 }).flat()) expect(Math.round(v * 10)).toBeCloseTo(v * 10, 9);
  });
  it('randomSparseVector has exactly round(fraction·n) zeros', () => {
    for (const [n, f] of [
      [10, 0.9],
      [1024, 0.9],
      [7, 0],
      [7, 1],
      [100, 0.333],
    ] as const) {
      const x = randomSparseVector(n, f, 5);
      const zeros = x.length - nonZeroIndices(x).length;
      expect(zeros).toBe(sparsityPlan(n, f).zeros);
    }
    expect(() => sparsityPlan(10, 1.5)).toThrow(/zeroFraction/);
  });
});

describe('rowLoopProduct', () => {
  it('equals the rows view with and without skipping, on a flat row-major W', () => {
    const rng = mulberry32(99);
    for (let t = 0; t < 20; t++) {
      const n = 1 + Math.floor(rng() * 30);
      const m = 1 + Math.floor(rng() * 30);
      const x = Array.from(randomSparseVector(n, rng(), t));
      const w = randomMatrix(n, m, t, { decimals: 1 });
      const ref = matVec(x, w);
      const flat = Float32Array.from(w.flat());
      for (const skipZeroRows of [true, false]) {
        const y = rowLoopProduct(x, flat, m, { skipZeroRows });
        y.forEach((v, j) => expect(v).toBeCloseTo(ref[j], 3));
      }
    }
  });
  it('never reads a skipped row (a NaN there does not leak into y)', () => {
    const w = Float32Array.from([1, 2, NaN, NaN, 3, 4]);
    expect(Array.from(rowLoopProduct([1, 0, 2], w, 2))).toEqual([7, 10]);
    expect(Array.from(rowLoopProduct([1, 0, 2], w, 2, { skipZeroRows: false }))).toEqual([NaN, NaN]);
    expect(() => rowLoopProduct([1, 2], w, 2)).toThrow(/need 4/);
  });
});
