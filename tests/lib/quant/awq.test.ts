// AWQ's pieces: the XᵀX shortcut equals the direct output error, scale search never loses to RTN on its own
// objective and wins where an input channel is an outlier, folding leaves the fp32 model unchanged, and the
// quantized model's folded form computes exactly diag(s)⁻¹·Q(diag(s)·W) per layer.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted, randomModel } from '../node-model.ts';
import { mulberry32, randn } from '../../../lib/random.ts';
import { LanguageModel } from '../../../lib/model.ts';
import { calibrate, outputError, type LinearStats } from '../../../lib/quant/calibration.ts';
import { awqScales, quantizeScaled, searchClip, searchScales } from '../../../lib/quant/awq.ts';
import { foldScales } from '../../../lib/quant/fold.ts';
import { fakeQuantizeMatrix } from '../../../lib/quant/matrix.ts';
import { quantizeModel } from '../../../lib/quant/quantize-model.ts';
import { keepCount, quantizeKeeping, salientChannels } from '../../../lib/quant/salient.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Statistics straight from raw inputs X [n, d]. */
function statsOf(x: Float32Array, n: number, d: number): LinearStats {
  const s: LinearStats = { inDim: d, meanAbs: new Float64Array(d), gram: new Float64Array(d * d), tokens: n };
  for (let t = 0; t < n; t++)
    for (let i = 0; i < d; i++) {
      s.meanAbs[i] += Math.abs(x[t * d + i]) / n;
      for (let k = 0; k < d; k++) s.gram[i * d + k] += x[t * d + i] * x[t * d + k];
    }
  return s;
}

/** A layer whose input channel 5 is 30x larger than the rest (the kind of outlier large LLMs grow). */
function outlierLayer(seed: number, n = 200, d = 64, m = 48) {
  const rng = mulberry32(seed);
  const x = Float32Array.from({ length: n * d }, (_, i) => randn(rng) * (i % d === 5 ? 30 : 1));
  const w = Float32Array.from({ length: d * m }, () => randn(rng) * 0.1);
  return { x, w, n, d, m, stats: statsOf(x, n, d) };
}

function directError(x: Float32Array, n: number, d: number, m: number, w: Float32Array, approx: Float32Array): number {
  let sum = 0;
  for (let t = 0; t < n; t++)
    for (let j = 0; j < m; j++) {
      let e = 0;
      for (let i = 0; i < d; i++) e += x[t * d + i] * (w[i * m + j] - approx[i * m + j]);
      sum += e * e;
    }
  return sum / (n * m);
}

describe('output error from XᵀX', () => {
  it('equals ‖X(W − Q(W))‖² / (n·out) computed from the raw inputs', () => {
    for (const seed of [1, 2, 3]) {
      const { x, w, n, d, m, stats } = outlierLayer(seed);
      const q = fakeQuantizeMatrix(w, d, m, { bits: 3, groupSize: 32 });
      const e = w.map((v, i) => v - q[i]);
      expect(outputError(stats, e, m)).toBeCloseTo(directError(x, n, d, m, w, q), 8);
    }
  });
});

describe('scale search', () => {
  it('s = s_X^α is all ones at α = 0 and is normalised so max·min = 1', () => {
    const meanAbs = [0.5, 2, 8, 0.1];
    expect(Array.from(awqScales(meanAbs, 0))).toEqual([1, 1, 1, 1]);
    const s = awqScales(meanAbs, 0.5);
    expect(Math.max(...s) * Math.min(...s)).toBeCloseTo(1, 5);
    expect(s[2] / s[0]).toBeCloseTo(Math.sqrt(16), 5);
  });

  it('tries 20 α from 0 to 0.95; its α = 0 is RTN and the pick is never worse on the objective', () => {
    const { w, d, m, stats } = outlierLayer(4);
    const opts = { bits: 3, groupSize: 32 };
    const r = searchScales(w, d, m, stats, opts);
    expect(r.grid.map((g) => g.alpha)).toEqual(Array.from({ length: 20 }, (_, k) => k / 20));
    const rtn = outputError(
      stats,
      w.map((v, i) => v - fakeQuantizeMatrix(w, d, m, opts)[i]),
      m,
    );
    expect(r.grid[0].error).toBeCloseTo(rtn, 10);
    expect(Math.min(...r.grid.map((g) => g.error))).toBeLessThanOrEqual(rtn);
  });

  it('protects an outlier input channel: output error well below RTN, computed directly on X', () => {
    for (const seed of [5, 6, 7]) {
      const { x, w, n, d, m, stats } = outlierLayer(seed);
      const opts = { bits: 3, groupSize: 32 };
      const r = searchScales(w, d, m, stats, opts);
      const awq = directError(x, n, d, m, w, quantizeScaled(w, d, m, r.scales, opts));
      const rtn = directError(x, n, d, m, w, fakeQuantizeMatrix(w, d, m, opts));
      expect(r.alpha).toBeGreaterThan(0);
      expect(awq).toBeLessThan(0.6 * rtn);
    }
  });

  it("clipping never raises a group's error above no clipping (r = 1 is on its grid)", () => {
    const { x, w, n, d, m, stats } = outlierLayer(8);
    const opts = { bits: 3, groupSize: 32 };
    const clipped = searchClip(w, d, m, stats, opts);
    expect(clipped.meanRatio).toBeLessThan(1);
    expect(clipped.meanRatio).toBeGreaterThanOrEqual(0.55);
    const withClip = directError(x, n, d, m, w, fakeQuantizeMatrix(clipped.weight, d, m, opts));
    expect(withClip).toBeLessThanOrEqual(directError(x, n, d, m, w, fakeQuantizeMatrix(w, d, m, opts)) * (1 + 1e-9));
  });
});

describe('folding scales into the previous operator', () => {
  it("leaves target-v1's fp32 logits unchanged (max |Δ| < 2e-4 on logits of size ~10) for random scales 1/4..4 on every linear layer", async () => {
    const model = await loadCommitted('target-v1');
    const rng = mulberry32(9);
    const scales: Record<string, Float32Array> = {};
    for (const n of model.linearNames) {
      const inDim = n.endsWith('mlp.down') ? model.config.nFfn : model.config.nEmbd;
      scales[n] = Float32Array.from({ length: inDim }, () => Math.pow(4, 2 * rng() - 1));
    }
    const folded = new LanguageModel(
      model.config,
      model.tokenizer,
      foldScales(model.config, model.exportWeights(), scales),
    );
    const tokens = [
      model.tokenizer
        .encode('Call me Ishmael. Some years ago, never mind how long precisely, having little money')
        .slice(0, 24),
    ];
    const a = model.forward(tokens).logits[0],
      b = folded.forward(tokens).logits[0];
    let worst = 0,
      weightsMoved = 0;
    a.forEach((row, t) => row.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - b[t][i])))));
    const w0 = model.getLinear('h.2.mlp.down').weight,
      w1 = folded.getLinear('h.2.mlp.down').weight;
    w0.forEach((v, i) => (weightsMoved = Math.max(weightsMoved, Math.abs(v - w1[i]))));
    expect(weightsMoved).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(2e-4);
    model.dispose();
    folded.dispose();
  });

  it('refuses scales that are not positive or of the wrong length', () => {
    const model = randomModel();
    const w = model.exportWeights();
    expect(() => foldScales(model.config, w, { 'h.0.mlp.up': new Float32Array(16).fill(0) })).toThrow(
      /must be positive/,
    );
    expect(() => foldScales(model.config, w, { 'h.0.mlp.down': new Float32Array(16).fill(1) })).toThrow(
      /needs 64 scales, got 16/,
    );
    expect(() => foldScales(model.config, w, { 'h.7.mlp.up': new Float32Array(16).fill(1) })).toThrow(
      /not a linear layer/,
    );
  });
});

describe('quantizeModel', () => {
  it('awq: the folded quantized model computes diag(s)⁻¹·Q(diag(s)·W) in every layer (logits agree with per-layer overrides)', () => {
    const model = randomModel({ nLayer: 2, nEmbd: 32, nHead: 2, nFfn: 64 });
    const rng = mulberry32(10);
    const windows = Array.from({ length: 3 }, () => Array.from({ length: 32 }, () => Math.floor(rng() * 256)));
    const stats = calibrate(model, windows);
    const opts = { bits: 3, groupSize: 16 };
    const q = quantizeModel(model.config, model.exportWeights(), stats, opts, { kind: 'awq' });
    const overrides: Record<string, Float32Array> = {};
    for (const n of model.linearNames) {
      const { weight, shape } = model.getLinear(n);
      overrides[`${n}.weight`] = quantizeScaled(weight, shape[0], shape[1], q.scales[n], opts);
    }
    const quantized = new LanguageModel(model.config, model.tokenizer, q.weights);
    const a = quantized.forward(windows).logits,
      b = model.forward(windows, { overrides }).logits;
    let worst = 0,
      scale = 0;
    a.forEach((seq, s) =>
      seq.forEach((row, t) =>
        row.forEach((v, i) => {
          worst = Math.max(worst, Math.abs(v - b[s][t][i]));
          scale = Math.max(scale, Math.abs(v));
        }),
      ),
    );
    expect(worst).toBeLessThan(1e-4 * scale);
    expect(Object.values(q.layers).every((l) => l.error <= l.rtnError * (1 + 1e-9))).toBe(true);
    quantized.dispose();
  });

  it('keep: the chosen channels stay exactly fp32, chosen by activation, weight norm or seeded random', () => {
    const { w, d, m, stats } = outlierLayer(11);
    expect(keepCount(0.01, 128)).toBe(1);
    expect(keepCount(0.03, 512)).toBe(15);
    expect(
      Array.from(salientChannels('activation', 1, { weight: w, inDim: d, outDim: m, meanAbs: stats.meanAbs })),
    ).toEqual([5]);
    const big = w.slice();
    big.fill(3, 9 * m, 10 * m);
    expect(salientChannels('weightNorm', 1, { weight: big, inDim: d, outDim: m })[0]).toBe(9);
    const r1 = salientChannels('random', 4, { weight: w, inDim: d, outDim: m, seed: 3 });
    expect(Array.from(r1)).toEqual(
      Array.from(salientChannels('random', 4, { weight: w, inDim: d, outDim: m, seed: 3 })),
    );
    expect(Array.from(r1)).not.toEqual(
      Array.from(salientChannels('random', 4, { weight: w, inDim: d, outDim: m, seed: 4 })),
    );
    const q = quantizeKeeping(w, d, m, { bits: 2, groupSize: 32 }, [5, 9]);
    for (const i of [5, 9]) for (let j = 0; j < m; j++) expect(q[i * m + j]).toBe(w[i * m + j]);
    expect(() => salientChannels('activation', 1, { weight: w, inDim: d, outDim: m })).toThrow(/needs meanAbs/);
    expect(() => keepCount(0, 128)).toThrow(/between 0 and 1/);
  });
});
