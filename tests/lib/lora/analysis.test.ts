// The analysis: SVD reconstructs its matrix, ΔW has rank r, Eq. 4 behaves as a similarity, Table 7 on a model.
import * as tf from '@tensorflow/tfjs';
import { describe, it, expect, beforeAll } from 'vitest';
import { randomModel } from '../node-model.ts';
import { mulberry32, randn } from '../../../lib/random.ts';
import {
  svd,
  LoraAdapter,
  baseModelId,
  deltaSingularValues,
  subspaceSimilarity,
  compareWithBase,
  targetsFor,
} from '../../../lib/lora/index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('svd', () => {
  it.each([
    [7, 5],
    [5, 7],
    [40, 12],
    [16, 16],
  ])('reconstructs a random %i x %i matrix, with orthonormal u and v and descending s', (m, n) => {
    const rng = mulberry32(m * 100 + n);
    const a = Float64Array.from({ length: m * n }, () => randn(rng));
    const { u, s, v, k } = svd(a, m, n);
    let err = 0;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let x = 0;
        for (let c = 0; c < k; c++) x += u[i * k + c] * s[c] * v[j * k + c];
        err = Math.max(err, Math.abs(x - a[i * n + j]));
      }
    expect(err).toBeLessThan(1e-10);
    for (let c = 1; c < k; c++) expect(s[c]).toBeLessThanOrEqual(s[c - 1]);
    for (let p = 0; p < k; p++)
      for (let q = 0; q < k; q++) {
        let du = 0,
          dv = 0;
        for (let i = 0; i < m; i++) du += u[i * k + p] * u[i * k + q];
        for (let j = 0; j < n; j++) dv += v[j * k + p] * v[j * k + q];
        expect(Math.abs(du - (p === q ? 1 : 0))).toBeLessThan(1e-9);
        expect(Math.abs(dv - (p === q ? 1 : 0))).toBeLessThan(1e-9);
      }
  });
});

describe('LoRA analysis', () => {
  const model = randomModel({ nLayer: 1, nEmbd: 32, nHead: 4, nFfn: 64 });
  const id = baseModelId(model);
  const withB = (r: number, seed: number) => {
    const a = new LoraAdapter(id, { rank: r, alpha: r, targets: targetsFor(model.config, ['q', 'v']) }, { seed });
    const rng = mulberry32(seed + 1);
    for (const b of Object.values(a.b))
      b.assign(
        tf.tensor(
          Float32Array.from({ length: b.size }, () => randn(rng)),
          b.shape,
        ),
      );
    return a;
  };

  it('ΔW = BA has exactly r non-zero singular values', () => {
    const a = withB(3, 1);
    const s = deltaSingularValues(a, 'h.0.attn.q', 6);
    expect(s.slice(0, 3).every((x) => x > 1e-2)).toBe(true);
    expect(s.slice(3).every((x) => x < 1e-4 * s[0])).toBe(true);
    a.dispose();
  });

  it('Eq. 4: an adapter against itself is 1 on the diagonal; values stay in [0, 1]; unrelated adapters overlap little', () => {
    const a2 = withB(2, 2),
      a8 = withB(8, 3);
    const self = subspaceSimilarity(a8, a8, 'h.0.attn.v');
    for (let i = 0; i < 8; i++) expect(self[i][i]).toBeCloseTo(1, 9);
    const cross = subspaceSimilarity(a2, a8, 'h.0.attn.v');
    expect(cross.length).toBe(2);
    expect(cross[0].length).toBe(8);
    for (const row of cross)
      for (const x of row) {
        expect(x).toBeGreaterThanOrEqual(-1e-12);
        expect(x).toBeLessThanOrEqual(1 + 1e-9);
      }
    // Random 2- and 8-dim subspaces of R^32 overlap by about 8/32 on average (top row, last column).
    expect(cross[1][7]).toBeLessThan(0.7);
    a2.dispose();
    a8.dispose();
  });

  it('Table 7: W projected on its own top directions beats a random projection; amplification = ‖ΔW‖ / ‖UᵀWV‖', () => {
    const a = withB(4, 5);
    const row = compareWithBase(model, a, 'h.0.attn.q');
    expect(row.projection.w).toBeGreaterThan(row.projection.random);
    expect(row.projection.w).toBeLessThanOrEqual(row.normW + 1e-9);
    expect(row.amplification).toBeCloseTo(row.normDeltaW / row.projection.deltaW, 12);
    a.dispose();
  });
});
