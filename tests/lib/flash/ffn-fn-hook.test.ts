import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../node-model.ts';
import type { LanguageModel } from '../../../lib/model.ts';

describe('forward({ ffnFn })', () => {
  let model: LanguageModel;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = randomModel();
  });
  afterAll(() => model.dispose());

  it('a plain-array FFN equal to the dense one gives the same logits, and it sees every layer in order', () => {
    const { nEmbd: C, nFfn: F, nLayer: L } = model.config;
    const layers: number[] = [];
    const ffnFn = (l: number, x: Float32Array) => {
      layers.push(l);
      const up = model.getLinear(`h.${l}.mlp.up`),
        down = model.getLinear(`h.${l}.mlp.down`);
      const N = x.length / C,
        out = new Float32Array(N * C);
      for (let n = 0; n < N; n++) {
        const o = out.subarray(n * C, (n + 1) * C);
        o.set(down.bias);
        for (let i = 0; i < F; i++) {
          let h = up.bias[i];
          for (let c = 0; c < C; c++) h += x[n * C + c] * up.weight[c * F + i];
          if (h > 0) for (let c = 0; c < C; c++) o[c] += h * down.weight[i * C + c];
        }
      }
      return out;
    };
    const ids = [
      [1, 2, 3, 4, 5],
      [9, 8, 7, 6, 5],
    ];
    const a = model.forward(ids).logits,
      b = model.forward(ids, { ffnFn }).logits;
    for (let s = 0; s < 2; s++)
      for (let t = 0; t < 5; t++) for (let v = 0; v < 256; v += 5) expect(b[s][t][v]).toBeCloseTo(a[s][t][v], 3);
    expect(layers).toEqual(Array.from({ length: L }, (_, l) => l));
  });

  it('an output of the wrong size is an error naming the layer', () => {
    expect(() => model.forward([[1, 2]], { ffnFn: () => new Float32Array(3) })).toThrow(
      /ffnFn\(layer 0\) returned 3 values, expected 32/,
    );
  });
});
