// The lean engine: the GPT block of lib/gpt.ts, written once over the engine's heap and run by its kernels
// (WebAssembly SIMD, or plain JS where SIMD is missing), with its own KV cache. For inference: one-token decode
// steps and few-token passes (prefill chunks, tree verification with a mask and positions), fp32 or packed
// int4/int3 weights. The seams lessons change: a linear's weights (setLinear) or an added low-rank term (unmerged
// LoRA), the FFN's active neurons (sparse FFN) or a whole custom FFN, the attention mask and positions. A seam it
// cannot honour is refused with an error, never ignored. A pass is begin → runLayer per layer → finish, so one layer
// can run for several sequences in turn, each with its own cache (FlexGen's zig-zag schedule, lib/offload); run() is
// that loop for one pass over the engine's own cache. Design notes: lib/engine/README.md.
//
//   x = wte[tokens] + wpe[positions]                         [T, C]
//   per layer:  x = x + attn(ln1(x));  x = x + mlp(ln2(x))   mlp = ReLU(x W_up + b_up) W_down + b_down
//   logits = ln_f(x) · wte^T                                 [T, V] (tied head)
import type { GPTConfig } from '../config.ts';
import { groupZeros } from '../quant/group.ts';
import type { QuantizedMatrix } from '../quant/matrix.ts';
import { createKernels, type KernelFunctions, type KernelKind, type Kernels } from './kernels.ts';

/** An added low-rank term on a linear's output: y[:, column .. column+outDim) += scale · (x A) B (unmerged LoRA). */
export interface LowRankTerm {
  /** [inDim, rank] row-major. */
  a: Float32Array;
  /** [rank, outDim] row-major. */
  b: Float32Array;
  rank: number;
  scale: number;
  column: number;
  outDim: number;
}

export interface EngineOptions {
  /** 'simd' (WebAssembly SIMD; throws where missing), 'js' (plain JavaScript) or 'auto' (default: SIMD if it validates). */
  kernels?: KernelKind | 'auto';
  /** Packed weights by linear name ("h.0.mlp.up"), lib/quant's format (decodeQuantized's `matrices`): int4 or int3. */
  quantized?: Record<string, QuantizedMatrix>;
  /** Low-rank terms added to linears' outputs, by linear name (lowRankTerms(adapter) for a LoRA adapter). */
  lowRank?: Record<string, LowRankTerm[]>;
}

/** What one pass runs with. The tree-verification fields are lib/speculative's RunOptions, so the engine is a
 *  TreeRunner there (structurally: the engine does not import speculative). */
export interface EngineRunOptions {
  /** [T][length + T], 1 = may attend. Default: causal. */
  mask?: number[][];
  /** Absolute position of each new token. Default: length + 0..T-1. */
  positions?: number[];
  /** Per layer, the FFN neurons to compute (the rest count as zero): the sparse FFN; null computes all. */
  ffnNeurons?: (ArrayLike<number> | null)[];
  /** Per layer, the FFN computed by the caller: FFN input [T*C] row-major in, FFN output [T*C] out (down bias
   *  included), e.g. from weights read from flash (lib/flash). Replaces the FFN of every layer. */
  ffnFn?: (layer: number, x: Float32Array) => Float32Array;
  /** Replaces the keys and the values this pass appends ([T, C] row-major, C values per row) before attention reads
   *  them: the cache holds, and every later pass reads, what it returns (e.g. FlexGen's 4-bit round trip,
   *  lib/offload's kvRoundTrip). */
  kvFn?: (rows: Float32Array, rowLength: number) => Float32Array;
  /** Called after each layer's dense FFN with its input [T*C] (after LayerNorm) and its ReLU output [T*F], both
   *  row-major copies: what a profiler records (lib/sparsity's forEachWindow). Only with the dense FFN. */
  onFfn?: (layer: number, ffnIn: Float32Array, ffnPost: Float32Array) => void;
}

/** A KV cache in the engine's heap: per layer, keys and values [capacity, C] row-major. The engine has one of its
 *  own (run, keep, reset); newCache() makes more, for passes of several sequences that interleave layer by layer. */
export interface EngineCache {
  /** Positions held. */
  readonly length: number;
}

interface Cache extends EngineCache {
  length: number;
  capacity: number;
  k: number[]; // per layer, a pointer to keys [capacity, C]
  v: number[];
  pass: Pass | null; // the pass appending to it, between begin() and finish()
}

/** One pass between begin() and finish(): its tokens' activations [T, C] between layers, and the layer it is at. */
export interface EnginePass {
  readonly cache: EngineCache;
  /** The next layer runLayer() runs; nLayer when the pass is ready for finish(). */
  readonly layer: number;
  /** The activations [T, C] between layers (the residual stream), row-major. */
  readonly x: Float32Array;
}

interface Pass extends EnginePass {
  cache: Cache;
  layer: number;
  x: Float32Array;
  T: number;
  mask: Uint8Array | null; // [T, S], 1 = may attend; null = causal
  opts: EngineRunOptions;
}

type Linear = {
  name: string;
  n: number; // inputs
  m: number; // outputs
  bias: number;
  lowRank: LowRankTerm[];
} & (
  | { kind: 'f32'; w: number }
  | { kind: 'q'; bits: number; groupSize: number; codes: number; scales: number; zeros: number }
);

const LINEARS = ['attn.qkv', 'attn.proj', 'mlp.up', 'mlp.down'] as const;
/** The run options the engine honours; any other (a caller passing tfjs's `record` or `ffnMask`) is refused. */
const RUN_OPTIONS = ['mask', 'positions', 'ffnNeurons', 'ffnFn', 'kvFn', 'onFfn'];

export class LeanEngine {
  readonly config: GPTConfig;
  readonly kernels: KernelKind;
  private readonly k: Kernels;
  private readonly fn: KernelFunctions;
  private readonly p = new Map<string, number>(); // fp32 parameters (embeddings, LayerNorms) by name -> pointer
  private readonly lin = new Map<string, Linear>();
  private readonly headW: number; // wte^T [C, V]: the tied head as an ordinary [in, out] linear
  private readonly upT = new Map<number, number>(); // per layer W_up^T [F, C], made when a sparse FFN first needs it
  private readonly own: Cache; // the engine's own cache: run, keep, reset
  private readonly caches = new Set<Cache>(); // every cache begin() may append to
  private readonly spare: Cache[] = []; // dropped caches, reused by newCache (the heap never frees)
  private scratchT = 0;
  private s: Record<'x' | 'a' | 'q' | 'heads' | 'out' | 'qkv' | 'hid' | 'logits' | 'xp' | 'xsum', number> = {
    x: 0,
    a: 0,
    q: 0,
    heads: 0,
    out: 0,
    qkv: 0,
    hid: 0,
    logits: 0,
    xp: 0,
    xsum: 0,
  };
  private scores = 0;
  private scoresLength = 0;
  private maskPtr = 0;
  private idxPtr = 0;
  private maskBytes = 0;

  constructor(config: GPTConfig, weights: Record<string, Float32Array>, opts: EngineOptions = {}) {
    this.config = config;
    const { nEmbd: C, nHead: H, nLayer, vocabSize: V } = config;
    if ((C / H) % 4 !== 0 || config.nFfn % 4 !== 0 || V % 4 !== 0)
      throw new Error(`LeanEngine: head size ${C / H}, nFfn and vocabSize must be multiples of 4`);
    this.k = createKernels(opts.kernels ?? 'auto');
    this.kernels = this.k.kind;
    this.fn = this.k.fn;
    const need = (name: string) => {
      const w = weights[name];
      if (!w) throw new Error(`LeanEngine: missing parameter ${name}`);
      return w;
    };
    for (const name of ['wte.weight', 'wpe.weight', 'ln_f.weight', 'ln_f.bias'])
      this.p.set(name, this.k.heap.put(need(name)));
    for (let l = 0; l < nLayer; l++)
      for (const part of ['ln_1.weight', 'ln_1.bias', 'ln_2.weight', 'ln_2.bias'])
        this.p.set(`h.${l}.${part}`, this.k.heap.put(need(`h.${l}.${part}`)));
    const dims = {
      'attn.qkv': [C, 3 * C],
      'attn.proj': [C, C],
      'mlp.up': [C, config.nFfn],
      'mlp.down': [config.nFfn, C],
    };
    for (let l = 0; l < nLayer; l++)
      for (const part of LINEARS) {
        const name = `h.${l}.${part}`;
        const [n, m] = dims[part];
        const bias = this.k.heap.put(need(`${name}.bias`));
        const lowRank = opts.lowRank?.[name] ?? [];
        const q = opts.quantized?.[name];
        this.lin.set(name, { name, n, m, bias, lowRank, kind: 'f32', w: 0 });
        if (q) this.setQuantized(name, q);
        else this.setLinear(name, need(`${name}.weight`));
      }
    for (const name of Object.keys(opts.lowRank ?? {}))
      if (!this.lin.has(name)) throw new Error(`LeanEngine: low-rank term for ${name}, which is not a linear layer`);
    for (const name of Object.keys(opts.quantized ?? {}))
      if (!this.lin.has(name))
        throw new Error(`LeanEngine: quantized weights for ${name}, which is not a linear layer`);
    const wte = need('wte.weight');
    const wteT = new Float32Array(C * V);
    for (let v = 0; v < V; v++) for (let c = 0; c < C; c++) wteT[c * V + v] = wte[v * C + c];
    this.headW = this.k.heap.put(wteT);
    this.own = this.makeCache(config.blockSize + 80);
    this.caches.add(this.own);
  }

  /** Positions held in the engine's own cache. */
  get length(): number {
    return this.own.length;
  }

  /** Bytes of the engine's heap (weights, cache, scratch). */
  get heapBytes(): number {
    return this.k.heap.used;
  }

  /** Replaces a linear's weights (fp32, [in, out] row-major), e.g. a merged LoRA or fake-quantized matrix. */
  setLinear(name: string, weight: Float32Array): void {
    const L = this.linear(name);
    if (weight.length !== L.n * L.m)
      throw new Error(
        `LeanEngine.setLinear(${name}): expected ${L.n} x ${L.m} = ${L.n * L.m} values, got ${weight.length}`,
      );
    if (L.kind === 'f32' && L.w) this.k.heap.f32.set(weight, L.w >> 2);
    else Object.assign(L, { kind: 'f32', w: this.k.heap.put(weight) });
    this.upT.delete(Number(name.split('.')[1]));
  }

  /**
   * Overwrites an fp32 parameter in place, by its name in the weights file ("h.0.mlp.up.weight", "h.0.ln_1.bias"):
   * `fill` gets its bytes inside the engine's heap (a view valid only during the call), so weights read from storage
   * land where the kernels read them, with no copy.
   */
  fillParameter(name: string, fill: (bytes: Uint8Array) => void): void {
    const [ptr, floats] = this.parameter(name);
    fill(this.k.heap.u8.subarray(ptr, ptr + 4 * floats));
    if (name.endsWith('.mlp.up.weight')) this.upT.delete(Number(name.split('.')[1]));
  }

  /** Replaces a linear's weights by packed int4/int3 groups (lib/quant's QuantizedMatrix of this linear's shape). */
  setQuantized(name: string, q: QuantizedMatrix): void {
    const L = this.linear(name);
    if (q.inDim !== L.n || q.outDim !== L.m)
      throw new Error(`LeanEngine: quantized ${name} is ${q.inDim} x ${q.outDim}, the layer is ${L.n} x ${L.m}`);
    if (q.bits !== 4 && q.bits !== 3)
      throw new Error(`LeanEngine: ${name} has ${q.bits}-bit codes; the kernels read 4 or 3`);
    if (q.groupSize % 32 !== 0 || L.n % q.groupSize !== 0)
      throw new Error(`LeanEngine: ${name}'s group size ${q.groupSize} must be a multiple of 32 that divides ${L.n}`);
    const heap = this.k.heap;
    Object.assign(L, {
      kind: 'q',
      bits: q.bits,
      groupSize: q.groupSize,
      codes: heap.put(q.codes),
      scales: heap.put(q.scales),
      zeros: heap.put(Float32Array.from(groupZeros(q))),
    });
    this.upT.delete(Number(name.split('.')[1]));
  }

  /** One pass of `tokens` over the engine's own cache: begin, every layer, finish. Logits [T][V]. */
  run(tokens: number[], opts: EngineRunOptions = {}): Float32Array[] {
    const pass = this.begin(tokens, opts);
    for (let l = 0; l < this.config.nLayer; l++) this.runLayer(pass);
    return this.finish(pass);
  }

  /** A new empty KV cache for begin(), room for `capacity` positions before it grows (a dropped cache's memory is
   *  reused: the heap never frees). */
  newCache(capacity = this.config.blockSize + 80): EngineCache {
    const c = this.spare.pop() ?? this.makeCache(capacity);
    if (c.capacity < capacity) this.grow(c, capacity);
    this.caches.add(c);
    return c;
  }

  /** Gives back a cache from newCache() for reuse; it must not be used again. */
  dropCache(cache: EngineCache): void {
    const c = cache as Cache;
    if (c === this.own || !this.caches.delete(c))
      throw new Error('LeanEngine.dropCache: not a cache from this engine’s newCache(), or dropped already');
    Object.assign(c, { length: 0, pass: null });
    this.spare.push(c);
  }

  /** Starts a pass of `tokens` appending to `cache` (default: the engine's own): checks the inputs and embeds them,
   *  x = wte[tokens] + wpe[positions]. Then runLayer() once per layer, then finish(). A new pass on a cache abandons
   *  any unfinished one there. */
  begin(tokens: number[], opts: EngineRunOptions = {}, cache: EngineCache = this.own): EnginePass {
    const { nEmbd: C, vocabSize: V, blockSize } = this.config;
    const c = cache as Cache;
    if (!this.caches.has(c))
      throw new Error('LeanEngine.begin: the cache is not one of this engine’s (or was dropped)');
    const T = tokens.length,
      P = c.length,
      S = P + T;
    if (T === 0) throw new Error('LeanEngine.run: no tokens');
    for (const key of Object.keys(opts))
      if (!RUN_OPTIONS.includes(key))
        throw new Error(
          `LeanEngine.run: option ${key} is not supported (it takes ${RUN_OPTIONS.join(', ')}); use the tfjs forward for it`,
        );
    const positions = opts.positions ?? tokens.map((_, i) => P + i);
    if (positions.length !== T) throw new Error(`LeanEngine.run: ${positions.length} positions for ${T} tokens`);
    for (const p of positions)
      if (!(Number.isInteger(p) && p >= 0 && p < blockSize))
        throw new Error(`LeanEngine.run: position ${p} is outside 0..${blockSize - 1}`);
    for (const id of tokens)
      if (!(Number.isInteger(id) && id >= 0 && id < V))
        throw new Error(`LeanEngine.run: token id ${id} is outside 0..${V - 1}`);
    if (opts.mask && (opts.mask.length !== T || opts.mask.some((r) => r.length !== S)))
      throw new Error(`LeanEngine.run: mask must be [${T}][${S}]`);
    this.checkFfnHooks(opts);
    if (S > c.capacity) this.grow(c, 2 * S);

    const f = this.k.heap.f32,
      wte = this.p.get('wte.weight')! >> 2,
      wpe = this.p.get('wpe.weight')! >> 2;
    const x = new Float32Array(T * C); // [T, C]
    for (let t = 0; t < T; t++)
      for (let i = 0; i < C; i++) x[t * C + i] = f[wte + tokens[t] * C + i] + f[wpe + positions[t] * C + i];
    const mask = opts.mask ? Uint8Array.from(opts.mask.flat(), (m) => (m > 0 ? 1 : 0)) : null; // [T, S]
    const pass: Pass = { cache: c, layer: 0, x, T, mask, opts };
    c.pass = pass;
    return pass;
  }

  /** Runs the pass's next layer, x = x + attn(ln1(x)); x = x + mlp(ln2(x)), appending the layer's keys and values for
   *  the pass's tokens to its cache. */
  runLayer(pass: EnginePass): void {
    const p = this.inFlight(pass, 'runLayer');
    const { nEmbd: C, nHead: H, nLayer } = this.config;
    if (p.layer === nLayer) throw new Error(`LeanEngine.runLayer: the pass has run all ${nLayer} layers; finish() it`);
    const { T, cache: c, opts } = p,
      l = p.layer,
      h = `h.${l}`,
      P = c.length;
    this.ensureScratch(T, P + T);
    const fn = this.fn,
      s = this.s,
      heap = this.k.heap;
    heap.f32.set(p.x, s.x >> 2);
    if (p.mask) heap.u8.set(p.mask, this.maskPtr);
    // x = x + attn(ln1(x)): q for the new tokens, their keys and values appended to the cache
    for (let t = 0; t < T; t++)
      fn.layerNorm(s.x + 4 * t * C, this.p.get(`${h}.ln_1.weight`)!, this.p.get(`${h}.ln_1.bias`)!, s.a + 4 * t * C, C);
    this.apply(this.lin.get(`${h}.attn.qkv`)!, s.a, s.qkv, T); // [T, 3C]
    let f = heap.f32;
    for (let t = 0; t < T; t++) {
      const row = (s.qkv >> 2) + t * 3 * C;
      f.copyWithin((s.q >> 2) + t * C, row, row + C);
      f.copyWithin((c.k[l] >> 2) + (P + t) * C, row + C, row + 2 * C);
      f.copyWithin((c.v[l] >> 2) + (P + t) * C, row + 2 * C, row + 3 * C);
    }
    if (opts.kvFn)
      for (const base of [c.k[l], c.v[l]]) {
        const at = (base >> 2) + P * C;
        const rows = opts.kvFn(f.slice(at, at + T * C), C);
        if (rows.length !== T * C) throw new Error(`kvFn returned ${rows.length} values, expected ${T * C}`);
        f = heap.f32;
        f.set(rows, at);
      }
    fn.attention(s.q, c.k[l], c.v[l], s.heads, this.scores, p.mask ? this.maskPtr : 0, T, P, C, H);
    this.apply(this.lin.get(`${h}.attn.proj`)!, s.heads, s.out, T);
    fn.addTo(s.x, s.out, T * C);
    // x = x + mlp(ln2(x))
    for (let t = 0; t < T; t++)
      fn.layerNorm(s.x + 4 * t * C, this.p.get(`${h}.ln_2.weight`)!, this.p.get(`${h}.ln_2.bias`)!, s.a + 4 * t * C, C);
    this.mlp(l, T, opts);
    fn.addTo(s.x, s.out, T * C);
    p.x.set(heap.floats(s.x, T * C));
    p.layer++;
  }

  /** Ends the pass: its positions join the cache; logits = ln_f(x) · wteᵀ, [T][V]. */
  finish(pass: EnginePass): Float32Array[] {
    const p = this.inFlight(pass, 'finish');
    const { nEmbd: C, nLayer, vocabSize: V } = this.config;
    if (p.layer !== nLayer) throw new Error(`LeanEngine.finish: the pass has run ${p.layer} of ${nLayer} layers`);
    const { T, cache: c } = p;
    c.length += T;
    c.pass = null;
    this.ensureScratch(T, c.length);
    const fn = this.fn,
      s = this.s;
    this.k.heap.f32.set(p.x, s.x >> 2);
    for (let t = 0; t < T; t++)
      fn.layerNorm(s.x + 4 * t * C, this.p.get('ln_f.weight')!, this.p.get('ln_f.bias')!, s.a + 4 * t * C, C);
    if (T === 1) fn.matvec(s.a, this.headW, 0, s.logits, C, V);
    else fn.matmul(s.a, this.headW, 0, s.logits, T, C, V);
    const f = this.k.heap.f32;
    const logits: Float32Array[] = [];
    for (let t = 0; t < T; t++) logits.push(f.slice((s.logits >> 2) + t * V, (s.logits >> 2) + (t + 1) * V));
    return logits;
  }

  /** Keeps only `positions` of the engine's own cache, in that order (a gather). */
  keep(positions: number[]): void {
    const C = this.config.nEmbd,
      own = this.own;
    for (const p of positions)
      if (!(Number.isInteger(p) && p >= 0 && p < own.length))
        throw new Error(`LeanEngine.keep: position ${p} is outside 0..${own.length - 1}`);
    const f = this.k.heap.f32;
    for (const cache of [own.k, own.v])
      for (const base of cache) {
        // Rows already in place (a kept prefix) are not copied: cutting back to the prompt costs nothing.
        const rows = positions.map((p, i) =>
          p === i ? null : f.slice((base >> 2) + p * C, (base >> 2) + (p + 1) * C),
        );
        rows.forEach((r, i) => r && f.set(r, (base >> 2) + i * C));
      }
    own.length = positions.length;
  }

  reset(): void {
    Object.assign(this.own, { length: 0, pass: null });
  }

  dispose(): void {
    this.reset();
  }

  /** A copy of a cache (default: the engine's own) per layer, [nHead, length, headSize] row-major (TreeRunner's
   *  layout). */
  cacheValues(cache: EngineCache = this.own): { k: Float32Array[]; v: Float32Array[] } {
    const { nEmbd: C, nHead: H } = this.config,
      c = cache as Cache,
      hs = C / H,
      S = c.length,
      f = this.k.heap.f32;
    const headMajor = (base: number) => {
      const out = new Float32Array(S * C);
      for (let h = 0; h < H; h++)
        for (let s = 0; s < S; s++)
          out.set(f.subarray((base >> 2) + s * C + h * hs, (base >> 2) + s * C + (h + 1) * hs), (h * S + s) * hs);
      return out;
    };
    return S === 0 ? { k: [], v: [] } : { k: c.k.map(headMajor), v: c.v.map(headMajor) };
  }

  // out [T, C] = mlp(a [T, C]) for layer l: dense, sparse over the active neurons, or the caller's FFN.
  private mlp(l: number, T: number, opts: EngineRunOptions): void {
    const { nEmbd: C, nFfn: F } = this.config,
      s = this.s,
      fn = this.fn,
      heap = this.k.heap;
    if (opts.ffnFn) {
      const y = opts.ffnFn(l, heap.f32.slice(s.a >> 2, (s.a >> 2) + T * C));
      if (y.length !== T * C) throw new Error(`ffnFn(layer ${l}) returned ${y.length} values, expected ${T * C}`);
      heap.f32.set(y, s.out >> 2);
      return;
    }
    const neurons = opts.ffnNeurons?.[l];
    if (neurons) {
      const up = this.lin.get(`h.${l}.mlp.up`)!,
        down = this.lin.get(`h.${l}.mlp.down`)! as Linear & { kind: 'f32' };
      const upT = this.upTranspose(l, up as Linear & { kind: 'f32' });
      const i32 = heap.i32;
      for (let a = 0; a < neurons.length; a++) {
        const nrn = neurons[a];
        if (!(Number.isInteger(nrn) && nrn >= 0 && nrn < F))
          throw new Error(`ffnNeurons[${l}]: neuron ${nrn} is outside 0..${F - 1}`);
        i32[(this.idxPtr >> 2) + a] = nrn;
      }
      for (let t = 0; t < T; t++)
        fn.sparseFfn(
          s.a + 4 * t * C,
          upT,
          up.bias,
          down.w,
          down.bias,
          this.idxPtr,
          neurons.length,
          s.out + 4 * t * C,
          C,
          1, // a neuron that does not fire adds nothing: skip its down row
        );
      return;
    }
    this.apply(this.lin.get(`h.${l}.mlp.up`)!, s.a, s.hid, T); // [T, F]
    fn.relu(s.hid, T * F);
    opts.onFfn?.(l, heap.f32.slice(s.a >> 2, (s.a >> 2) + T * C), heap.f32.slice(s.hid >> 2, (s.hid >> 2) + T * F));
    this.apply(this.lin.get(`h.${l}.mlp.down`)!, s.hid, s.out, T); // [T, C]
  }

  // y [T, m] = x [T, n] W + b (+ the low-rank terms).
  private apply(L: Linear, x: number, y: number, T: number): void {
    const fn = this.fn;
    if (L.kind === 'f32') {
      if (T === 1) fn.matvec(x, L.w, L.bias, y, L.n, L.m);
      else fn.matmul(x, L.w, L.bias, y, T, L.n, L.m);
    } else {
      for (let t = 0; t < T; t++) {
        fn.quantPrepare(x + 4 * t * L.n, this.s.xp, this.s.xsum, L.n, L.groupSize);
        fn.matvecQ(
          this.s.xp,
          this.s.xsum,
          L.codes,
          L.scales,
          L.zeros,
          L.bias,
          y + 4 * t * L.m,
          L.n,
          L.m,
          L.groupSize,
          L.bits,
        );
      }
    }
    if (L.lowRank.length === 0) return;
    const f = this.k.heap.f32;
    for (const term of L.lowRank)
      for (let t = 0; t < T; t++) {
        const X = (x >> 2) + t * L.n,
          Y = (y >> 2) + t * L.m + term.column;
        for (let r = 0; r < term.rank; r++) {
          let u = 0; // (x A)_r
          for (let i = 0; i < L.n; i++) u += f[X + i] * term.a[i * term.rank + r];
          u *= term.scale;
          for (let o = 0; o < term.outDim; o++) f[Y + o] += u * term.b[r * term.outDim + o];
        }
      }
  }

  private checkFfnHooks(opts: EngineRunOptions): void {
    if (opts.onFfn && (opts.ffnFn || opts.ffnNeurons))
      throw new Error('LeanEngine: onFfn records the dense FFN; it cannot be combined with ffnFn or ffnNeurons');
    if (opts.ffnNeurons && opts.ffnNeurons.length !== this.config.nLayer)
      throw new Error(
        `ffnNeurons: expected one entry per layer (${this.config.nLayer}), got ${opts.ffnNeurons.length}`,
      );
    for (let l = 0; l < this.config.nLayer; l++) {
      const up = this.lin.get(`h.${l}.mlp.up`)!,
        down = this.lin.get(`h.${l}.mlp.down`)!;
      const custom = opts.ffnFn ? 'ffnFn' : opts.ffnNeurons?.[l] ? 'ffnNeurons' : null;
      if (!custom) continue;
      if (up.lowRank.length || down.lowRank.length)
        throw new Error(
          `LeanEngine: ${custom} replaces layer ${l}'s FFN, which has a low-rank term (unmerged LoRA); merge the adapter first`,
        );
      if (custom === 'ffnNeurons' && (up.kind !== 'f32' || down.kind !== 'f32'))
        throw new Error(`LeanEngine: the sparse FFN reads fp32 neurons; layer ${l}'s FFN is quantized`);
      if (custom === 'ffnNeurons' && opts.ffnNeurons![l]!.length > this.config.nFfn)
        throw new Error(`ffnNeurons[${l}]: ${opts.ffnNeurons![l]!.length} neurons, the FFN has ${this.config.nFfn}`);
    }
  }

  private upTranspose(l: number, up: Linear & { kind: 'f32' }): number {
    let ptr = this.upT.get(l);
    if (ptr === undefined) {
      const { nEmbd: C, nFfn: F } = this.config;
      const w = this.k.heap.floats(up.w, C * F).slice();
      const t = new Float32Array(F * C);
      for (let i = 0; i < C; i++) for (let j = 0; j < F; j++) t[j * C + i] = w[i * F + j];
      ptr = this.k.heap.put(t);
      this.upT.set(l, ptr);
    }
    return ptr;
  }

  // [pointer, floats] of an fp32 parameter by its weights-file name.
  private parameter(name: string): [number, number] {
    const { nEmbd: C, blockSize } = this.config;
    const L = this.lin.get(name.replace(/\.(weight|bias)$/, ''));
    if (L && name.endsWith('.bias')) return [L.bias, L.m];
    if (L && L.kind === 'f32') return [L.w, L.n * L.m];
    if (L) throw new Error(`LeanEngine.fillParameter(${name}): the layer holds packed weights`);
    const ptr = this.p.get(name);
    // The tied head reads a transposed copy of wte, which a fill would leave stale.
    if (ptr === undefined || name === 'wte.weight')
      throw new Error(`LeanEngine.fillParameter: no fillable fp32 parameter ${name} (names look like "h.0.ln_1.bias")`);
    return [ptr, name === 'wpe.weight' ? blockSize * C : C];
  }

  private inFlight(pass: EnginePass, method: string): Pass {
    const p = pass as Pass;
    if (p.cache?.pass !== p || !this.caches.has(p.cache))
      throw new Error(`LeanEngine.${method}: the pass is finished, abandoned for a newer one, or not this engine's`);
    return p;
  }

  private linear(name: string): Linear {
    const L = this.lin.get(name);
    if (!L) throw new Error(`LeanEngine: no linear layer ${name} (names look like "h.0.mlp.up")`);
    return L;
  }

  private ensureScratch(T: number, S: number): void {
    const { nEmbd: C, nFfn: F, vocabSize: V } = this.config;
    if (T > this.scratchT) {
      const cap = Math.max(T, 2 * this.scratchT, 8);
      const heap = this.k.heap;
      const a = (n: number) => heap.alloc(4 * n);
      this.s = {
        x: a(cap * C),
        a: a(cap * C),
        q: a(cap * C),
        heads: a(cap * C),
        out: a(cap * C),
        qkv: a(cap * 3 * C),
        hid: a(cap * F),
        logits: a(cap * V),
        xp: a(Math.max(C, F)),
        xsum: a(Math.max(C, F)),
      };
      this.idxPtr = a(F);
      this.scratchT = cap;
    }
    if (T * S > this.maskBytes) {
      this.maskBytes = Math.max(T * S, 2 * this.maskBytes, 1024);
      this.maskPtr = this.k.heap.alloc(this.maskBytes);
    }
  }

  private makeCache(capacity: number): Cache {
    const c: Cache = { length: 0, capacity: 0, k: [], v: [], pass: null };
    this.grow(c, capacity);
    return c;
  }

  private grow(c: Cache, capacity: number): void {
    const C = this.config.nEmbd,
      heap = this.k.heap;
    for (const cache of [c.k, c.v])
      for (let l = 0; l < this.config.nLayer; l++) {
        const next = heap.alloc(4 * capacity * C);
        if (cache[l]) heap.f32.copyWithin(next >> 2, cache[l] >> 2, (cache[l] >> 2) + c.length * C);
        cache[l] = next;
      }
    c.capacity = capacity;
    if (capacity > this.scoresLength) {
      this.scores = heap.alloc(4 * capacity);
      this.scoresLength = capacity;
    }
  }
}
