// The same GPT forward as lib/gpt.ts, in plain JavaScript over Float32Arrays, with its own KV cache: a TreeRunner
// for the draft. Why: a draft step on a few tokens is a few hundred thousand multiply-adds, and in tfjs the fixed
// cost of dispatching ~60 small ops dominates it (npm run bench: the 8x smaller draft decodes only ~3-5x faster).
// Plain loops have no per-op cost, so drafting gets cheap enough to pay for itself. Checked equal to the tfjs
// forward in tests/lib/speculative/lean-gpt.test.ts.
import type { GPTConfig } from '../config.ts';
import type { LanguageModel } from '../model.ts';
import type { RunOptions, TreeRunner } from './runner.ts';

type W = Record<string, Float32Array>;

export class LeanRunner implements TreeRunner {
  readonly config: GPTConfig;
  private readonly w: W;
  /** Per layer, keys and values of every cached position: [capacity, nEmbd], heads side by side. */
  private k: Float32Array[];
  private v: Float32Array[];
  private n = 0;
  private capacity = 0;

  constructor(model: LanguageModel) {
    this.config = model.config;
    this.w = model.exportWeights();
    this.k = [];
    this.v = [];
    this.grow(model.config.blockSize + 80);
  }

  get length(): number {
    return this.n;
  }

  run(tokens: number[], opts: RunOptions = {}): Float32Array[] {
    const { nEmbd: C, nHead: H, nLayer, vocabSize: V, nFfn: F, blockSize } = this.config;
    const T = tokens.length,
      P = this.n,
      S = P + T,
      hs = C / H;
    if (T === 0) throw new Error('LeanRunner.run: no tokens');
    const positions = opts.positions ?? tokens.map((_, i) => P + i);
    for (const p of positions)
      if (!(Number.isInteger(p) && p >= 0 && p < blockSize))
        throw new Error(`LeanRunner.run: position ${p} is outside 0..${blockSize - 1}`);
    for (const id of tokens)
      if (!(Number.isInteger(id) && id >= 0 && id < V))
        throw new Error(`LeanRunner.run: token id ${id} is outside 0..${V - 1}`);
    if (opts.mask && (opts.mask.length !== T || opts.mask.some((r) => r.length !== S)))
      throw new Error(`LeanRunner.run: mask must be [${T}][${S}]`);
    if (S > this.capacity) this.grow(2 * S);
    const w = this.w;
    const x = new Float32Array(T * C); // [T, C] residual stream
    const wte = w['wte.weight'],
      wpe = w['wpe.weight'];
    for (let t = 0; t < T; t++)
      for (let c = 0; c < C; c++) x[t * C + c] = wte[tokens[t] * C + c] + wpe[positions[t] * C + c];

    const a = new Float32Array(T * C),
      q = new Float32Array(T * C),
      heads = new Float32Array(T * C);
    const qkv = new Float32Array(3 * C),
      hid = new Float32Array(F),
      out = new Float32Array(C),
      scores = new Float32Array(S);
    const scale = 1 / Math.sqrt(hs);
    for (let l = 0; l < nLayer; l++) {
      const p = `h.${l}`;
      const K = this.k[l],
        Vc = this.v[l];
      // q for the new tokens; their k, v appended to the cache
      for (let t = 0; t < T; t++) {
        layerNorm(x, t * C, C, w[`${p}.ln_1.weight`], w[`${p}.ln_1.bias`], a);
        matVec(a, t * C, w[`${p}.attn.qkv.weight`], w[`${p}.attn.qkv.bias`], C, 3 * C, qkv);
        q.set(qkv.subarray(0, C), t * C);
        K.set(qkv.subarray(C, 2 * C), (P + t) * C);
        Vc.set(qkv.subarray(2 * C, 3 * C), (P + t) * C);
      }
      // attention: each new token over the cached and new keys its mask row allows
      heads.fill(0);
      for (let t = 0; t < T; t++) {
        const row = opts.mask?.[t];
        for (let h = 0; h < H; h++) {
          let max = -Infinity;
          for (let j = 0; j < S; j++) {
            const visible = row ? row[j] > 0 : j <= P + t;
            if (!visible) {
              scores[j] = -Infinity;
              continue;
            }
            let s = 0;
            for (let e = 0; e < hs; e++) s += q[t * C + h * hs + e] * K[j * C + h * hs + e];
            scores[j] = s * scale;
            if (scores[j] > max) max = scores[j];
          }
          let sum = 0;
          for (let j = 0; j < S; j++) sum += scores[j] = scores[j] === -Infinity ? 0 : Math.exp(scores[j] - max);
          for (let j = 0; j < S; j++) {
            const pj = scores[j] / sum;
            if (pj === 0) continue;
            for (let e = 0; e < hs; e++) heads[t * C + h * hs + e] += pj * Vc[j * C + h * hs + e];
          }
        }
      }
      for (let t = 0; t < T; t++) {
        matVec(heads, t * C, w[`${p}.attn.proj.weight`], w[`${p}.attn.proj.bias`], C, C, out);
        for (let c = 0; c < C; c++) x[t * C + c] += out[c];
        // FFN: ReLU(LN(x) W_up + b_up) W_down + b_down
        layerNorm(x, t * C, C, w[`${p}.ln_2.weight`], w[`${p}.ln_2.bias`], a);
        matVec(a, t * C, w[`${p}.mlp.up.weight`], w[`${p}.mlp.up.bias`], C, F, hid);
        for (let i = 0; i < F; i++) if (hid[i] < 0) hid[i] = 0;
        matVec(hid, 0, w[`${p}.mlp.down.weight`], w[`${p}.mlp.down.bias`], F, C, out);
        for (let c = 0; c < C; c++) x[t * C + c] += out[c];
      }
    }
    this.n = S;
    const logits: Float32Array[] = [];
    for (let t = 0; t < T; t++) {
      layerNorm(x, t * C, C, w['ln_f.weight'], w['ln_f.bias'], a);
      const row = new Float32Array(V);
      for (let vi = 0; vi < V; vi++) {
        // tied output: logits = LN(x) · wte[v]
        let s = 0;
        for (let c = 0; c < C; c++) s += a[t * C + c] * wte[vi * C + c];
        row[vi] = s;
      }
      logits.push(row);
    }
    return logits;
  }

  keep(positions: number[]): void {
    const C = this.config.nEmbd;
    for (const p of positions)
      if (!(Number.isInteger(p) && p >= 0 && p < this.n))
        throw new Error(`LeanRunner.keep: position ${p} is outside 0..${this.n - 1}`);
    for (let l = 0; l < this.config.nLayer; l++) {
      for (const cache of [this.k, this.v]) {
        const old = cache[l],
          next = new Float32Array(this.capacity * C);
        positions.forEach((p, i) => next.set(old.subarray(p * C, (p + 1) * C), i * C));
        cache[l] = next;
      }
    }
    this.n = positions.length;
  }

  reset(): void {
    this.n = 0;
  }

  dispose(): void {
    this.n = 0;
  }

  cacheValues(): { k: Float32Array[]; v: Float32Array[] } {
    const { nEmbd: C, nHead: H } = this.config,
      hs = C / H,
      S = this.n;
    const headMajor = (a: Float32Array) => {
      // [S, C] -> [H, S, hs]
      const out = new Float32Array(S * C);
      for (let h = 0; h < H; h++)
        for (let s = 0; s < S; s++) out.set(a.subarray(s * C + h * hs, s * C + (h + 1) * hs), (h * S + s) * hs);
      return out;
    };
    return S === 0 ? { k: [], v: [] } : { k: this.k.map(headMajor), v: this.v.map(headMajor) };
  }

  private grow(capacity: number): void {
    const C = this.config.nEmbd;
    for (let l = 0; l < this.config.nLayer; l++) {
      for (const cache of [this.k, this.v]) {
        const next = new Float32Array(capacity * C);
        if (cache[l]) next.set(cache[l].subarray(0, this.n * C));
        cache[l] = next;
      }
    }
    this.capacity = capacity;
  }
}

/** out = x[off .. off+n) W + b for W [n, m] row-major. */
function matVec(
  x: Float32Array,
  off: number,
  W: Float32Array,
  b: Float32Array,
  n: number,
  m: number,
  out: Float32Array,
): void {
  out.set(b.subarray(0, m));
  for (let i = 0; i < n; i++) {
    const xi = x[off + i];
    if (xi === 0) continue;
    const o = i * m;
    for (let j = 0; j < m; j++) out[j] += xi * W[o + j];
  }
}

/** out[off..off+C) = LayerNorm(x[off..off+C)) with gain g and bias b (population variance, eps 1e-5, as gpt.ts). */
function layerNorm(x: Float32Array, off: number, C: number, g: Float32Array, b: Float32Array, out: Float32Array): void {
  let mean = 0;
  for (let c = 0; c < C; c++) mean += x[off + c];
  mean /= C;
  let v = 0;
  for (let c = 0; c < C; c++) v += (x[off + c] - mean) ** 2;
  const inv = 1 / Math.sqrt(v / C + 1e-5);
  for (let c = 0; c < C; c++) out[off + c] = (x[off + c] - mean) * inv * g[c] + b[c];
}
