// Each WebAssembly SIMD kernel against its plain-JS twin on random inputs of the models' shapes, and the plain-JS
// quantized matvec against lib/quant's own dequantize-then-multiply. Tolerances: float32 sums in another order
// (SIMD lanes, register blocking) differ by a few ulps of the sum's terms; we allow 1e-4 relative to the largest
// magnitude of the output (1e-3 for the quantized product, whose group sums are reassociated).
import { describe, expect, it } from 'vitest';
import { createKernels, type Kernels, simdSupported } from '../../../lib/engine/kernels.ts';
import { quantizeMatrix, dequantizeMatrix } from '../../../lib/quant/matrix.ts';
import { groupZeros } from '../../../lib/quant/group.ts';
import { mulberry32, randn } from '../../../lib/random.ts';

const rng = mulberry32(21);
const randomArray = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * randn(rng));

function relDiff(a: Float32Array, b: Float32Array): number {
  let m = 0,
    s = 1e-6;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return m / s;
}

/** Runs `body` on both kernel sets with the same inputs and returns each one's output. */
function both(inputs: Float32Array[], outLength: number, body: (k: Kernels, ptrs: number[], out: number) => void) {
  return (['simd', 'js'] as const).map((kind) => {
    const k = createKernels(kind);
    const ptrs = inputs.map((a) => k.heap.put(a));
    const out = k.heap.alloc(4 * outLength);
    body(k, ptrs, out);
    return k.heap.floats(out, outLength).slice();
  });
}

describe('lean engine kernels', () => {
  it('this Node validates the SIMD module', () => {
    expect(simdSupported()).toBe(true);
  });

  it.each([
    [128, 384],
    [128, 512],
    [512, 128],
    [64, 192],
    [128, 20],
  ])('matvec %i x %i equals the plain-JS product', (n, m) => {
    const [simd, js] = both([randomArray(n), randomArray(n * m), randomArray(m)], m, (k, [x, w, b], y) =>
      k.fn.matvec(x, w, b, y, n, m),
    );
    expect(relDiff(simd, js)).toBeLessThan(1e-4);
  });

  it.each([1, 2, 3, 4, 6, 7, 9])('matmul of %i tokens equals the plain-JS product (with and without bias)', (T) => {
    const n = 128,
      m = 392;
    for (const withBias of [true, false]) {
      const [simd, js] = both([randomArray(T * n), randomArray(n * m), randomArray(m)], T * m, (k, [x, w, b], y) =>
        k.fn.matmul(x, w, withBias ? b : 0, y, T, n, m),
      );
      expect(relDiff(simd, js)).toBeLessThan(1e-4);
    }
  });

  it.each([
    [4, 64, 128, 384],
    [4, 64, 512, 128],
    [3, 128, 128, 512],
    [3, 128, 512, 128],
    [3, 32, 64, 8],
  ])('int%i (groups of %i) matvec %i x %i: SIMD = plain JS = x times lib/quant dequantized W', (bits, gs, n, m) => {
    const w = randomArray(n * m, 0.1);
    const q = quantizeMatrix(w, n, m, { bits, groupSize: gs });
    const x = randomArray(n);
    const b = randomArray(m);
    const G = n / gs;
    const outs = (['simd', 'js'] as const).map((kind) => {
      const k = createKernels(kind);
      const [xp, xsum, codes, scales, zeros, bias, y] = [
        k.heap.alloc(4 * n),
        k.heap.alloc(4 * G),
        k.heap.put(q.codes),
        k.heap.put(q.scales),
        k.heap.put(Float32Array.from(groupZeros(q))),
        k.heap.put(b),
        k.heap.alloc(4 * m),
      ];
      const xPtr = k.heap.put(x);
      k.fn.quantPrepare(xPtr, xp, xsum, n, gs);
      k.fn.matvecQ(xp, xsum, codes, scales, zeros, bias, y, n, m, gs, bits);
      return k.heap.floats(y, m).slice();
    });
    const wq = dequantizeMatrix(q);
    const ref = new Float32Array(m);
    for (let j = 0; j < m; j++) {
      let s = b[j];
      for (let i = 0; i < n; i++) s += x[i] * wq[i * m + j];
      ref[j] = s;
    }
    expect(relDiff(outs[0], outs[1])).toBeLessThan(1e-3);
    expect(relDiff(outs[1], ref)).toBeLessThan(1e-3);
  });

  it('layerNorm, relu and addTo equal plain JS', () => {
    const C = 128;
    const [simd, js] = both(
      [randomArray(C, 3), randomArray(C), randomArray(C), randomArray(C)],
      3 * C,
      (k, [x, g, b, r], y) => {
        k.fn.layerNorm(x, g, b, y, C);
        k.heap.f32.copyWithin((y >> 2) + C, x >> 2, (x >> 2) + C);
        k.fn.relu(y + 4 * C, C);
        k.heap.f32.copyWithin((y >> 2) + 2 * C, x >> 2, (x >> 2) + C);
        k.fn.addTo(y + 8 * C, r, C);
      },
    );
    expect(relDiff(simd, js)).toBeLessThan(1e-5);
    expect(simd.subarray(C, 2 * C).every((v) => v >= 0)).toBe(true);
  });

  it.each([
    ['causal, one new token', 1, 37, false],
    ['causal, a prefill chunk', 6, 10, false],
    ['tree mask', 5, 12, true],
  ])('attention over the cache (%s) equals plain JS', (_, T, P, withMask) => {
    const C = 128,
      H = 4,
      S = P + T;
    const mask = new Float32Array(Math.ceil((T * S) / 4)); // bytes, put as floats' storage
    const maskBytes = new Uint8Array(mask.buffer);
    for (let t = 0; t < T; t++)
      for (let j = 0; j < S; j++) maskBytes[t * S + j] = j < P || rng() < 0.5 || j === P + t ? 1 : 0;
    const [simd, js] = both(
      [randomArray(T * C), randomArray(S * C), randomArray(S * C), mask, new Float32Array(S)],
      T * C,
      (k, [q, kk, v, m, scores], out) => k.fn.attention(q, kk, v, out, scores, withMask ? m : 0, T, P, C, H),
    );
    expect(relDiff(simd, js)).toBeLessThan(1e-4);
  });

  it('sparseFfn over an active set equals plain JS and the dense FFN with the other neurons zeroed, skipping silent neurons or not', () => {
    const C = 128,
      F = 512;
    const idx = new Int32Array([3, 17, 100, 101, 255, 511, 0]);
    // Its own generator: the draws (and so which listed neurons fire) do not depend on the tests before it.
    const own = mulberry32(11);
    const draw = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * randn(own));
    const [x, upT, upB, down, downB] = [draw(C), draw(F * C, 0.1), draw(F, 0.1), draw(F * C, 0.1), draw(C)];
    const ref = downB.slice();
    let silent = 0; // listed neurons that do not fire: the ones skipZero lets skip their down row
    for (const nrn of idx) {
      let h = upB[nrn];
      for (let c = 0; c < C; c++) h += x[c] * upT[nrn * C + c];
      if (h > 0) for (let c = 0; c < C; c++) ref[c] += h * down[nrn * C + c];
      else silent++;
    }
    expect(silent).toBeGreaterThan(0);
    for (const skipZero of [1, 0]) {
      const [simd, js] = both([x, upT, upB, down, downB, new Float32Array(idx.buffer)], C, (k, p, y) =>
        k.fn.sparseFfn(p[0], p[1], p[2], p[3], p[4], p[5], idx.length, y, C, skipZero),
      );
      expect(relDiff(simd, js)).toBeLessThan(1e-4);
      expect(relDiff(js, ref)).toBeLessThan(1e-5);
    }
  });
});
