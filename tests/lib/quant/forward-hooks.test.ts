// The two forward-pass options lib/quant needs: record.linear (what every linear layer reads) and overrides
// (replacement parameters for one call), checked against recomputation from the recorded pieces.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../node-model.ts';
import { LanguageModel } from '../../../lib/model.ts';

let model: LanguageModel;
const tokens = [[3, 17, 99, 4, 250, 8, 8, 61, 12, 200]];

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = randomModel({ nLayer: 2, nEmbd: 16, nHead: 2, nFfn: 64 });
});

/** y = x W + b for x [N, in], W [in, out]. */
function affine(x: Float32Array, w: Float32Array, b: Float32Array, inDim: number, outDim: number): Float32Array {
  const n = x.length / inDim,
    y = new Float32Array(n * outDim);
  for (let r = 0; r < n; r++)
    for (let j = 0; j < outDim; j++) {
      let s = b[j];
      for (let i = 0; i < inDim; i++) s += x[r * inDim + i] * w[i * outDim + j];
      y[r * outDim + j] = s;
    }
  return y;
}

describe('forward record.linear', () => {
  it('records the input of every linear layer, consistent with the FFN record and with attention', () => {
    const { nEmbd: C, nHead: H, nFfn: F, nLayer } = model.config;
    const T = tokens[0].length,
      hs = C / H;
    const r = model.forward(tokens, { record: { linear: true, ffn: true, attention: true } });
    expect(Object.keys(r.linearIn!).sort()).toEqual([...model.linearNames].sort());
    for (let l = 0; l < nLayer; l++) {
      const X = (n: string) => r.linearIn![`h.${l}.${n}`];
      expect(X('attn.qkv').length).toBe(T * C);
      expect(X('mlp.down').length).toBe(T * F);
      expect(Array.from(X('mlp.up'))).toEqual(Array.from(r.ffnIn![l]));
      expect(Array.from(X('mlp.down'))).toEqual(Array.from(r.ffnPost![l]));
      // proj reads the attention-weighted values: heads[t, h·hs + d] = Σ_s p[h, t, s] · v[s, h·hs + d], v = (a W_qkv + b)[:, 2C:3C].
      const qkv = model.getLinear(`h.${l}.attn.qkv`);
      const y = affine(X('attn.qkv'), qkv.weight, qkv.bias, C, 3 * C);
      const probs = r.attention![l];
      for (let t = 0; t < T; t++)
        for (let c = 0; c < C; c++) {
          const h = Math.floor(c / hs);
          let s = 0;
          for (let u = 0; u < T; u++) s += probs[(h * T + t) * T + u] * y[u * 3 * C + 2 * C + c];
          expect(X('attn.proj')[t * C + c]).toBeCloseTo(s, 4);
        }
    }
  });
});

describe('forward overrides', () => {
  it('replaces parameters for one call only, the same as setLinear would', () => {
    const base = model.forward(tokens).logits[0];
    const down = model.getLinear('h.1.mlp.down');
    const changed = down.weight.map((v, i) => (i % 7 === 0 ? 0 : v * 0.5));
    const lnGain = new Float32Array(model.config.nEmbd).fill(0.3);
    const over = model.forward(tokens, { overrides: { 'h.1.mlp.down.weight': changed, 'h.0.ln_1.weight': lnGain } })
      .logits[0];
    expect(model.forward(tokens).logits[0].map((row) => Array.from(row))).toEqual(base.map((row) => Array.from(row)));
    const clone = randomModel({ nLayer: 2, nEmbd: 16, nHead: 2, nFfn: 64 });
    clone.setLinear('h.1.mlp.down', changed);
    const weights = clone.exportWeights();
    weights['h.0.ln_1.weight'] = lnGain;
    const expected = new LanguageModel(clone.config, clone.tokenizer, weights).forward(tokens).logits[0];
    let worst = 0,
      moved = 0;
    over.forEach((row, t) =>
      row.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - expected[t][i]));
        moved = Math.max(moved, Math.abs(v - base[t][i]));
      }),
    );
    expect(worst).toBeLessThan(1e-5);
    expect(moved).toBeGreaterThan(0.1);
    clone.dispose();
  });

  it('refuses an unknown name or a wrong size with a message', () => {
    expect(() => model.forward(tokens, { overrides: { 'h.9.mlp.up.weight': new Float32Array(4) } })).toThrow(
      /no parameter "h.9.mlp.up.weight"/,
    );
    expect(() => model.forward(tokens, { overrides: { 'h.0.mlp.up.weight': new Float32Array(4) } })).toThrow(
      /override h.0.mlp.up.weight has 4 values, expected 1024/,
    );
  });
});
