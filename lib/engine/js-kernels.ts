// The kernels of lib/engine/assembly/kernels.ts in plain JavaScript, same arguments (byte pointers into the heap),
// same arithmetic in the same order where it matters: the fallback where WebAssembly SIMD is missing, and the
// reference the SIMD kernels are tested against (tests/lib/engine/kernels.test.ts).
import type { Heap } from './heap.ts';
import type { KernelFunctions } from './kernel-functions.ts';

export function jsKernels(heap: Heap): KernelFunctions {
  return {
    matvec(x, w, b, y, n, m) {
      const f = heap.f32,
        X = x >> 2,
        W = w >> 2,
        Y = y >> 2;
      if (b) f.copyWithin(Y, b >> 2, (b >> 2) + m);
      else f.fill(0, Y, Y + m);
      for (let i = 0; i < n; i++) {
        const xi = f[X + i],
          o = W + i * m;
        for (let j = 0; j < m; j++) f[Y + j] += xi * f[o + j];
      }
    },
    matmul(x, w, b, y, T, n, m) {
      for (let t = 0; t < T; t++) this.matvec(x + 4 * t * n, w, b, y + 4 * t * m, n, m);
    },
    quantPrepare(x, xp, xsum, n, groupSize) {
      // The plain-JS matvecQ reads x in order, so only the group sums are needed; xp gets a copy for symmetry.
      const f = heap.f32,
        X = x >> 2;
      f.copyWithin(xp >> 2, X, X + n);
      for (let g = 0; g < n / groupSize; g++) {
        let s = 0;
        for (let i = g * groupSize; i < (g + 1) * groupSize; i++) s += f[X + i];
        f[(xsum >> 2) + g] = s;
      }
    },
    matvecQ(xp, xsum, codes, scales, zeros, b, y, n, m, groupSize, bits) {
      const f = heap.f32,
        u8 = heap.u8,
        X = xp >> 2,
        G = n / groupSize,
        rowBytes = (n * bits) >> 3,
        mask = (1 << bits) - 1;
      for (let j = 0; j < m; j++) {
        let acc = 0;
        const row = codes + j * rowBytes;
        for (let g = 0; g < G; g++) {
          let dot = 0;
          for (let i = g * groupSize; i < (g + 1) * groupSize; i++) {
            const p = i * bits,
              byte = row + (p >> 3);
            const q = ((u8[byte] | (u8[byte + 1] << 8)) >> (p & 7)) & mask; // a code never spans more than two bytes
            dot += f[X + i] * q;
          }
          const sg = j * G + g,
            scale = f[(scales >> 2) + sg];
          acc += scale * (dot - f[(zeros >> 2) + sg] * f[(xsum >> 2) + g]);
        }
        f[(y >> 2) + j] = acc + (b ? f[(b >> 2) + j] : 0);
      }
    },
    layerNorm(x, g, b, y, C) {
      const f = heap.f32,
        X = x >> 2;
      let mean = 0;
      for (let c = 0; c < C; c++) mean += f[X + c];
      mean /= C;
      let v = 0;
      for (let c = 0; c < C; c++) v += (f[X + c] - mean) ** 2;
      const inv = 1 / Math.sqrt(v / C + 1e-5);
      for (let c = 0; c < C; c++) f[(y >> 2) + c] = (f[X + c] - mean) * inv * f[(g >> 2) + c] + f[(b >> 2) + c];
    },
    relu(x, n) {
      const f = heap.f32;
      for (let i = x >> 2; i < (x >> 2) + n; i++) if (f[i] < 0) f[i] = 0;
    },
    addTo(y, x, n) {
      const f = heap.f32;
      for (let i = 0; i < n; i++) f[(y >> 2) + i] += f[(x >> 2) + i];
    },
    attention(q, k, v, out, scores, mask, T, P, C, H) {
      const f = heap.f32,
        u8 = heap.u8,
        hs = C / H,
        S = P + T,
        scale = 1 / Math.sqrt(hs),
        Sc = scores >> 2;
      for (let t = 0; t < T; t++) {
        for (let h = 0; h < H; h++) {
          const Q = (q >> 2) + t * C + h * hs;
          let max = -Infinity;
          for (let j = 0; j < S; j++) {
            const visible = mask ? u8[mask + t * S + j] !== 0 : j <= P + t;
            let s = -Infinity;
            if (visible) {
              const K = (k >> 2) + j * C + h * hs;
              s = 0;
              for (let e = 0; e < hs; e++) s += f[Q + e] * f[K + e];
              s *= scale;
              if (s > max) max = s;
            }
            f[Sc + j] = s;
          }
          let sum = 0;
          for (let j = 0; j < S; j++) sum += f[Sc + j] = f[Sc + j] === -Infinity ? 0 : Math.exp(f[Sc + j] - max);
          const O = (out >> 2) + t * C + h * hs;
          f.fill(0, O, O + hs);
          for (let j = 0; j < S; j++) {
            const p = f[Sc + j] / sum;
            if (p === 0) continue;
            const Vp = (v >> 2) + j * C + h * hs;
            for (let e = 0; e < hs; e++) f[O + e] += p * f[Vp + e];
          }
        }
      }
    },
    sparseFfn(x, upT, upB, down, downB, idx, k, y, C, skipZero) {
      const f = heap.f32,
        I = heap.i32,
        X = x >> 2,
        Y = y >> 2;
      f.copyWithin(Y, downB >> 2, (downB >> 2) + C);
      for (let a = 0; a < k; a++) {
        const nrn = I[(idx >> 2) + a];
        const U = (upT >> 2) + nrn * C;
        let h = 0;
        for (let c = 0; c < C; c++) h += f[X + c] * f[U + c];
        h += f[(upB >> 2) + nrn];
        if (h <= 0) {
          if (skipZero) continue;
          h = 0;
        }
        const D = (down >> 2) + nrn * C;
        for (let c = 0; c < C; c++) f[Y + c] += h * f[D + c];
      }
    },
  };
}
