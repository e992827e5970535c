// The lean engine's kernels in AssemblyScript, compiled to WebAssembly with SIMD (npm run build:wasm). Every
// function works on byte addresses in the engine's memory (lib/engine/heap.ts allocates; nothing here allocates),
// with a plain-JS twin of the same signature in lib/engine/js-kernels.ts that tests compare it against.
// Layouts are lib's: activations row-major [T, C]; an fp32 linear's W is [in, out] (y = x W + b); a quantized
// linear's codes are lib/quant's ([out, in] rows, groups along `in`, codes packed LSB first, pack.ts).
// Reference shapes of the loops: karpathy/llama2.c run.c (matmul, rmsnorm, attention), runq.c (grouped quantized
// matmul); AWQ, arXiv 2306.00978 §4 (dequantization fused into the GEMV).

// @ts-nocheck (AssemblyScript, not TypeScript: f32, v128 and load/store are its builtins)

/** y[j] = b[j] + Σ_i x[i] W[i, j] for W [n, m] row-major; b = 0 means no bias. m must be a multiple of 4. */
export function matvec(x: usize, w: usize, b: usize, y: usize, n: i32, m: i32): void {
  let j = 0;
  // 16 outputs at a time: four accumulators stay in registers while the loop walks down W's rows.
  for (; j + 16 <= m; j += 16) {
    let a0 = f32x4.splat(0), a1 = a0, a2 = a0, a3 = a0;
    if (b) {
      const bp = b + (<usize>j << 2);
      a0 = v128.load(bp); a1 = v128.load(bp, 16); a2 = v128.load(bp, 32); a3 = v128.load(bp, 48);
    }
    let row = w + (<usize>j << 2);
    const stride = <usize>m << 2;
    for (let i = 0; i < n; i++) {
      const xs = f32x4.splat(load<f32>(x + (<usize>i << 2)));
      a0 = f32x4.add(a0, f32x4.mul(xs, v128.load(row)));
      a1 = f32x4.add(a1, f32x4.mul(xs, v128.load(row, 16)));
      a2 = f32x4.add(a2, f32x4.mul(xs, v128.load(row, 32)));
      a3 = f32x4.add(a3, f32x4.mul(xs, v128.load(row, 48)));
      row += stride;
    }
    const yp = y + (<usize>j << 2);
    v128.store(yp, a0); v128.store(yp, a1, 16); v128.store(yp, a2, 32); v128.store(yp, a3, 48);
  }
  for (; j < m; j += 4) {
    let a0 = b ? v128.load(b + (<usize>j << 2)) : f32x4.splat(0);
    let row = w + (<usize>j << 2);
    const stride = <usize>m << 2;
    for (let i = 0; i < n; i++) {
      a0 = f32x4.add(a0, f32x4.mul(f32x4.splat(load<f32>(x + (<usize>i << 2))), v128.load(row)));
      row += stride;
    }
    v128.store(y + (<usize>j << 2), a0);
  }
}

/** Y = X W + b for T rows of X [T, n] (a few tokens): W is read once per four rows (or two, for the last rows)
 *  instead of once per row. */
export function matmul(x: usize, w: usize, b: usize, y: usize, T: i32, n: i32, m: i32): void {
  let t = 0;
  if (m % 8 == 0) {
    const stride = <usize>m << 2;
    const xs = <usize>n << 2;
    for (; t + 4 <= T; t += 4) {
      const x0 = x + <usize>t * xs, x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
      const y0 = y + <usize>t * stride;
      for (let j = 0; j < m; j += 8) {
        let p0 = f32x4.splat(0), q0 = p0;
        if (b) { p0 = v128.load(b + (<usize>j << 2)); q0 = v128.load(b + (<usize>j << 2), 16); }
        let p1 = p0, q1 = q0, p2 = p0, q2 = q0, p3 = p0, q3 = q0;
        let row = w + (<usize>j << 2);
        for (let i = 0; i < n; i++) {
          const wa = v128.load(row), wb = v128.load(row, 16);
          const o = <usize>i << 2;
          let s = f32x4.splat(load<f32>(x0 + o));
          p0 = f32x4.add(p0, f32x4.mul(s, wa)); q0 = f32x4.add(q0, f32x4.mul(s, wb));
          s = f32x4.splat(load<f32>(x1 + o));
          p1 = f32x4.add(p1, f32x4.mul(s, wa)); q1 = f32x4.add(q1, f32x4.mul(s, wb));
          s = f32x4.splat(load<f32>(x2 + o));
          p2 = f32x4.add(p2, f32x4.mul(s, wa)); q2 = f32x4.add(q2, f32x4.mul(s, wb));
          s = f32x4.splat(load<f32>(x3 + o));
          p3 = f32x4.add(p3, f32x4.mul(s, wa)); q3 = f32x4.add(q3, f32x4.mul(s, wb));
          row += stride;
        }
        const o = <usize>j << 2;
        v128.store(y0 + o, p0); v128.store(y0 + o, q0, 16);
        v128.store(y0 + stride + o, p1); v128.store(y0 + stride + o, q1, 16);
        v128.store(y0 + 2 * stride + o, p2); v128.store(y0 + 2 * stride + o, q2, 16);
        v128.store(y0 + 3 * stride + o, p3); v128.store(y0 + 3 * stride + o, q3, 16);
      }
    }
    // Two or three rows left (a chain of two guesses, a draft level of three nodes): two more share each load.
    for (; t + 2 <= T; t += 2) {
      const x0 = x + <usize>t * xs, x1 = x0 + xs;
      const y0 = y + <usize>t * stride;
      for (let j = 0; j < m; j += 8) {
        let p0 = f32x4.splat(0), q0 = p0;
        if (b) { p0 = v128.load(b + (<usize>j << 2)); q0 = v128.load(b + (<usize>j << 2), 16); }
        let p1 = p0, q1 = q0;
        let row = w + (<usize>j << 2);
        for (let i = 0; i < n; i++) {
          const wa = v128.load(row), wb = v128.load(row, 16);
          const o = <usize>i << 2;
          let s = f32x4.splat(load<f32>(x0 + o));
          p0 = f32x4.add(p0, f32x4.mul(s, wa)); q0 = f32x4.add(q0, f32x4.mul(s, wb));
          s = f32x4.splat(load<f32>(x1 + o));
          p1 = f32x4.add(p1, f32x4.mul(s, wa)); q1 = f32x4.add(q1, f32x4.mul(s, wb));
          row += stride;
        }
        const o = <usize>j << 2;
        v128.store(y0 + o, p0); v128.store(y0 + o, q0, 16);
        v128.store(y0 + stride + o, p1); v128.store(y0 + stride + o, q1, 16);
      }
    }
  }
  for (; t < T; t++) matvec(x + <usize>t * (<usize>n << 2), w, b, y + <usize>t * (<usize>m << 2), n, m);
}

/**
 * The order a quantized matvec reads x in: within each block of 32 inputs, xp[k*4 + l] = x[8l + k], so that lane l
 * of a vector holding four 8-code words multiplies code k of word l by the right input. Also the sum of x over each
 * group (the zero point's term). n and groupSize must be multiples of 32.
 */
export function quantPrepare(x: usize, xp: usize, xsum: usize, n: i32, groupSize: i32): void {
  for (let blk = 0; blk < n; blk += 32) {
    const src = x + (<usize>blk << 2), dst = xp + (<usize>blk << 2);
    for (let l = 0; l < 4; l++)
      for (let k = 0; k < 8; k++) store<f32>(dst + (<usize>(k * 4 + l) << 2), load<f32>(src + (<usize>(8 * l + k) << 2)));
  }
  for (let g = 0; g < n / groupSize; g++) {
    let s = f32x4.splat(0);
    const p = x + (<usize>(g * groupSize) << 2);
    for (let i = 0; i < groupSize; i += 4) s = f32x4.add(s, v128.load(p + (<usize>i << 2)));
    store<f32>(xsum + (<usize>g << 2), hsum(s));
  }
}

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

// One block of 32 codes: lanes hold four words of eight `bits`-bit codes; code k of every word, times its input.
@inline function block(acc: v128, words: v128, xp: usize, bits: i32, mask: v128): v128 {
  acc = f32x4.add(acc, f32x4.mul(f32x4.convert_i32x4_u(v128.and(words, mask)), v128.load(xp)));
  for (let k = 1; k < 8; k++)
    acc = f32x4.add(acc, f32x4.mul(f32x4.convert_i32x4_u(v128.and(i32x4.shr_u(words, k * bits), mask)), v128.load(xp + (<usize>k << 4))));
  return acc;
}

/**
 * y[j] = b[j] + Σ_g Δ_jg (Σ_{i in g} xp·q_ji − z_jg Σ_{i in g} x_i): W quantized in lib/quant's layout with `bits`
 * 4 or 3, codes unpacked in registers (never an fp32 copy of W). xp and xsum come from quantPrepare; zeros are the
 * groups' zero points as f32 [m, G], scales f32 [m, G].
 */
export function matvecQ(xp: usize, xsum: usize, codes: usize, scales: usize, zeros: usize, b: usize, y: usize, n: i32, m: i32, groupSize: i32, bits: i32): void {
  const G = n / groupSize;
  const blocks = groupSize >> 5;
  const mask = i32x4.splat((1 << bits) - 1);
  const rowBytes = <usize>((n * bits) >> 3);
  const blockBytes = <usize>(bits << 2);
  // int3: twelve bytes per block, three per word: spread them into the four lanes' low three bytes.
  const spread = i8x16(0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11, -1);
  for (let j = 0; j < m; j++) {
    let cp = codes + <usize>j * rowBytes;
    let acc = f32x4.splat(0);
    let zterm: f32 = 0;
    let xq = xp;
    for (let g = 0; g < G; g++) {
      let ag = f32x4.splat(0);
      if (bits == 4) {
        for (let k = 0; k < blocks; k++) { ag = block(ag, v128.load(cp), xq, 4, mask); cp += 16; xq += 128; }
      } else {
        for (let k = 0; k < blocks; k++) { ag = block(ag, i8x16.swizzle(v128.load(cp), spread), xq, 3, mask); cp += blockBytes; xq += 128; }
      }
      const sg = <usize>(j * G + g) << 2;
      const scale = load<f32>(scales + sg);
      acc = f32x4.add(acc, f32x4.mul(ag, f32x4.splat(scale)));
      zterm += scale * load<f32>(zeros + sg) * load<f32>(xsum + (<usize>g << 2));
    }
    store<f32>(y + (<usize>j << 2), hsum(acc) - zterm + (b ? load<f32>(b + (<usize>j << 2)) : 0));
  }
}

/** y = LayerNorm(x) · g + b over C values (population variance, eps 1e-5, as lib/gpt.ts). C a multiple of 4. */
export function layerNorm(x: usize, g: usize, b: usize, y: usize, C: i32): void {
  let s = f32x4.splat(0);
  for (let c = 0; c < C; c += 4) s = f32x4.add(s, v128.load(x + (<usize>c << 2)));
  const mean = hsum(s) / <f32>C;
  const mv = f32x4.splat(mean);
  let v = f32x4.splat(0);
  for (let c = 0; c < C; c += 4) {
    const d = f32x4.sub(v128.load(x + (<usize>c << 2)), mv);
    v = f32x4.add(v, f32x4.mul(d, d));
  }
  const inv = f32x4.splat(<f32>1 / Mathf.sqrt(hsum(v) / <f32>C + 1e-5));
  for (let c = 0; c < C; c += 4) {
    const o = <usize>c << 2;
    const d = f32x4.mul(f32x4.sub(v128.load(x + o), mv), inv);
    v128.store(y + o, f32x4.add(f32x4.mul(d, v128.load(g + o)), v128.load(b + o)));
  }
}

/** x = max(x, 0) over n values (n a multiple of 4): the FFN's ReLU (lib/gpt.ts; OPT's activation). */
export function relu(x: usize, n: i32): void {
  const z = f32x4.splat(0);
  for (let i = 0; i < n; i += 4) v128.store(x + (<usize>i << 2), f32x4.max(v128.load(x + (<usize>i << 2)), z));
}

/** y += x over n values (n a multiple of 4): the residual connection. */
export function addTo(y: usize, x: usize, n: i32): void {
  for (let i = 0; i < n; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(v128.load(y + o), v128.load(x + o)));
  }
}

/**
 * Multi-head attention of T new queries q [T, C] over S = P + T cached keys and values K, V [S, C] (heads side by
 * side): out [T, C]. mask: 0 for causal (query t sees keys 0..P+t), else bytes [T, S] with 1 = visible.
 * scores is scratch of S floats. Head size C / H must be a multiple of 4.
 */
export function attention(q: usize, k: usize, v: usize, out: usize, scores: usize, mask: usize, T: i32, P: i32, C: i32, H: i32): void {
  const hs = C / H;
  const S = P + T;
  const scale: f32 = <f32>1 / Mathf.sqrt(<f32>hs);
  const rowBytes = <usize>C << 2;
  for (let t = 0; t < T; t++) {
    for (let h = 0; h < H; h++) {
      const qp = q + (<usize>(t * C + h * hs) << 2);
      const hoff = <usize>(h * hs) << 2;
      let max: f32 = -Infinity;
      for (let j = 0; j < S; j++) {
        const visible = mask ? load<u8>(mask + <usize>(t * S + j)) != 0 : j <= P + t;
        let s: f32 = -Infinity;
        if (visible) {
          const kp = k + <usize>j * rowBytes + hoff;
          let acc = f32x4.splat(0);
          for (let e = 0; e < hs; e += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(qp + (<usize>e << 2)), v128.load(kp + (<usize>e << 2))));
          s = hsum(acc) * scale;
          if (s > max) max = s;
        }
        store<f32>(scores + (<usize>j << 2), s);
      }
      let sum: f32 = 0;
      for (let j = 0; j < S; j++) {
        const s = load<f32>(scores + (<usize>j << 2));
        const e: f32 = s == -Infinity ? 0 : Mathf.exp(s - max);
        store<f32>(scores + (<usize>j << 2), e);
        sum += e;
      }
      const op = out + (<usize>(t * C + h * hs) << 2);
      for (let e = 0; e < hs; e += 4) v128.store(op + (<usize>e << 2), f32x4.splat(0));
      const inv: f32 = <f32>1 / sum;
      for (let j = 0; j < S; j++) {
        const p = load<f32>(scores + (<usize>j << 2)) * inv;
        if (p == 0) continue;
        const ps = f32x4.splat(p);
        const vp = v + <usize>j * rowBytes + hoff;
        for (let e = 0; e < hs; e += 4) {
          const o = <usize>e << 2;
          v128.store(op + o, f32x4.add(v128.load(op + o), f32x4.mul(ps, v128.load(vp + o))));
        }
      }
    }
  }
}

/**
 * The FFN over only the active neurons idx[0..k) (the sparse FFN, LLM in a Flash's exact active set):
 * y = b_down + Σ_n ReLU(x · upT[n] + b_up[n]) · down[n]. upT [F, C] is W_up transposed (a neuron's input weights
 * contiguous), down [F, C] is W_down as stored: each active neuron reads two contiguous rows. C a multiple of 4.
 * skipZero ≠ 0: a neuron whose ReLU output is 0 skips its down row (PowerInfer's operators check the activation
 * first); skipZero = 0: every listed neuron reads both rows, so the work is exactly k columns and k rows.
 */
export function sparseFfn(x: usize, upT: usize, upB: usize, down: usize, downB: usize, idx: usize, k: i32, y: usize, C: i32, skipZero: i32): void {
  const rowBytes = <usize>C << 2;
  for (let c = 0; c < C; c += 4) v128.store(y + (<usize>c << 2), v128.load(downB + (<usize>c << 2)));
  for (let a = 0; a < k; a++) {
    const nrn = <usize>load<i32>(idx + (<usize>a << 2));
    const up = upT + nrn * rowBytes;
    let acc = f32x4.splat(0);
    for (let c = 0; c < C; c += 4) acc = f32x4.add(acc, f32x4.mul(v128.load(x + (<usize>c << 2)), v128.load(up + (<usize>c << 2))));
    let h = hsum(acc) + load<f32>(upB + (nrn << 2));
    if (h <= 0) {
      if (skipZero) continue;
      h = 0;
    }
    const hv = f32x4.splat(h);
    const dn = down + nrn * rowBytes;
    for (let c = 0; c < C; c += 4) {
      const o = <usize>c << 2;
      v128.store(y + o, f32x4.add(v128.load(y + o), f32x4.mul(hv, v128.load(dn + o))));
    }
  }
}
