// The FFN served from flash: for each token and layer, choose the neurons it needs (policy.ts), read the ones not
// already in DRAM from the store (store.ts), compute the FFN from the DRAM buffer (neuron-buffer.ts), then drop what
// the policy does not keep. Plug it into a forward pass with `model.forward(ids, { ffnFn: flash.ffnFn })`; attention
// and embeddings stay in DRAM, as in the paper's "selective persistence" [arXiv 2312.11514 v3, §3.1].
// Every read is a real call on the storage adapter; the per-token records below take their counts from it.
import { createKernels, type KernelKind, type Kernels } from '../engine/kernels.ts';
import type { ActivationPredictor } from '../sparsity/predictor.ts';
import { NeuronBuffer } from './neuron-buffer.ts';
import { neuronReads, rangeReads, type ReadRange } from './layout.ts';
import { validatePolicy, type FlashPolicy } from './policy.ts';
import type { FfnWeights, FlashFfnStore } from './store.ts';

/** One token's I/O and DRAM, summed over layers. */
export interface TokenRecord {
  /** Read calls and bytes read from the store (from the storage's own counters). */
  reads: number;
  bytes: number;
  /** Bytes read as whole ranges of neurons (one big read each) and as single neurons. */
  rangeBytes: number;
  neuronBytes: number;
  /** Read calls by kind and size, "sequential:262144" or "scattered:512", for pricing on a measured curve. */
  readsBySize: Record<string, number>;
  /** Neurons the policy chose, and how many of them had to be loaded. */
  selected: number;
  loaded: number;
  /** Neurons held in DRAM after the token (weights only: × neuronBytes for bytes), and at the peak during it. */
  heldAfter: number;
  heldPeak: number;
  /** Rows moved by deletions (the paper's memory-management term). */
  rowsMoved: number;
  /** Milliseconds spent inside storage reads. */
  readMs: number;
  /** Milliseconds spent choosing the neurons (the predictor, or the oracle's dense W_up product). */
  selectMs: number;
  /** Rows of the forward pass this record covers (1 per token; a verification pass's tree nodes when the FFN
   *  serves each pass as one batch), and the neurons they chose counted per row: with `selected` (the distinct
   *  neurons of the pass) this is the batch union's effect. */
  rows: number;
  rowSelected: number;
}

/** A record with nothing read yet: the start of every token's count, and of a mean over tokens (cost.ts). */
export function emptyTokenRecord(): TokenRecord {
  return {
    reads: 0,
    bytes: 0,
    rangeBytes: 0,
    neuronBytes: 0,
    readsBySize: {},
    selected: 0,
    loaded: 0,
    heldAfter: 0,
    heldPeak: 0,
    rowsMoved: 0,
    readMs: 0,
    selectMs: 0,
    rows: 0,
    rowSelected: 0,
  };
}

export class FlashFfn {
  readonly policy: FlashPolicy;
  readonly store: FlashFfnStore;
  /** One record per token seen since the last reset(), in order. */
  readonly tokens: TokenRecord[] = [];
  /** The one-off reads that filled the resident share (hybrid), not charged to any token. */
  setup: TokenRecord = emptyTokenRecord();
  private readonly w: FfnWeights;
  private readonly predictor: ActivationPredictor | null;
  private readonly threshold: number | undefined;
  private readonly perPass: boolean;
  private readonly buffers: NeuronBuffer[];
  /** The kernels the FFN runs on (the buffers' heap), and for the exact oracle each layer's W_up and up bias
   *  copied into that heap, with room for one row's pre-activations. */
  readonly kernels: Kernels;
  private readonly oracle: { up: number; bias: number }[] = [];
  private readonly oracleX: number = 0;
  private readonly oracleY: number = 0;
  /** 0..nFfn-1: what the dense policy chooses for every token. */
  private readonly allNeurons: Int32Array;
  private readonly residentCount: number;
  /** Most neurons a layer keeps between tokens (the policy's DRAM budget). */
  private readonly keepCount: number;
  /** [layer][neuron] the last token index at which the neuron was chosen, or -Infinity. */
  private readonly lastUsed: Float64Array[];
  /** Tokens processed so far by each layer (layers run one after another inside a forward pass). */
  private readonly seen: number[];

  constructor(
    store: FlashFfnStore,
    weights: FfnWeights,
    policy: FlashPolicy,
    opts: {
      predictor?: ActivationPredictor;
      threshold?: number;
      /** Treat the rows of one ffnFn call as one batch (a speculative tree verified in one pass): read the union
       *  of their active neurons once, keep one record and one window step per pass (lesson 3's batch union,
       *  lib/sparsity/batch-union.ts, on a token tree). Off: one record per row, as lesson 4 measures. */
      perPass?: boolean;
      /** The kernels of the FFN and the exact oracle: 'js' (default: the plain-JS loops lesson 4 times), 'simd' or
       *  'auto' (SIMD where WebAssembly has it: lesson 9's decoder). */
      kernels?: KernelKind | 'auto';
    } = {},
  ) {
    this.policy = validatePolicy(policy);
    const L = store.layout;
    if (this.policy.layout !== L.name)
      throw new Error(`FlashFfn: the policy wants the ${this.policy.layout} layout but the store is ${L.name}`);
    if (weights.nLayer !== L.nLayer || weights.nEmbd !== L.nEmbd || weights.nFfn !== L.nFfn)
      throw new Error(
        `FlashFfn: weights are ${weights.nLayer}×${weights.nEmbd}×${weights.nFfn}, the store ${L.nLayer}×${L.nEmbd}×${L.nFfn}`,
      );
    if (this.policy.select === 'predictor') {
      if (!opts.predictor) throw new Error('FlashFfn: the predictor policy needs a predictor');
      const pc = opts.predictor.config;
      if (pc.nLayer !== L.nLayer || pc.nFfn !== L.nFfn || pc.nEmbd !== L.nEmbd)
        throw new Error(
          `FlashFfn: the predictor is for ${pc.nLayer}×${pc.nEmbd}×${pc.nFfn}, the model ${L.nLayer}×${L.nEmbd}×${L.nFfn}`,
        );
    }
    this.store = store;
    this.w = weights;
    this.predictor = opts.predictor ?? null;
    this.threshold = opts.threshold;
    this.perPass = opts.perPass ?? false;
    // The SIMD kernels walk four floats at a time; other shapes stay on the JS kernels.
    this.kernels = createKernels(L.nEmbd % 4 === 0 && L.nFfn % 4 === 0 ? (opts.kernels ?? 'js') : 'js');
    this.buffers = Array.from({ length: L.nLayer }, () => new NeuronBuffer(L.nEmbd, L.nFfn, L.nFfn, this.kernels));
    this.allNeurons = Int32Array.from({ length: L.nFfn }, (_, i) => i);
    if (this.policy.select === 'exact') {
      const heap = this.kernels.heap;
      for (let l = 0; l < L.nLayer; l++)
        this.oracle.push({ up: heap.put(weights.up[l]), bias: heap.put(weights.upBias[l]) });
      this.oracleX = heap.alloc(4 * L.nEmbd);
      this.oracleY = heap.alloc(4 * L.nFfn);
    }
    this.residentCount = Math.round(this.policy.resident * L.nFfn);
    this.keepCount = Math.max(this.residentCount, Math.floor((this.policy.budget ?? 1) * L.nFfn));
    this.lastUsed = Array.from({ length: L.nLayer }, () => new Float64Array(L.nFfn));
    this.seen = Array(L.nLayer).fill(0);
    this.reset();
  }

  /** Empties DRAM, reloads the resident share and forgets the window and the records. */
  reset(): void {
    this.tokens.length = 0;
    this.seen.fill(0);
    for (const u of this.lastUsed) u.fill(-Infinity);
    const rec = emptyTokenRecord();
    this.buffers.forEach((b, l) => {
      b.clear();
      this.load(
        l,
        Int32Array.from({ length: this.residentCount }, (_, i) => i),
        rec,
        true,
      );
    });
    this.setup = rec;
  }

  /** Neurons held in DRAM by each layer now. */
  held(): Int32Array[] {
    return this.buffers.map((b) => b.neurons());
  }

  /** The forward-pass hook: x [N*nEmbd] (N tokens in order) -> FFN output [N*nEmbd]. */
  readonly ffnFn = (layer: number, x: Float32Array): Float32Array => {
    const { nEmbd: C, nFfn: F } = this.store.layout;
    const N = x.length / C;
    const out = new Float32Array(N * C);
    const t0 = performance.now();
    const mask = this.policy.select === 'predictor' ? this.predictor!.mask(layer, x, this.threshold) : null; // [N*F]
    const maskMs = performance.now() - t0;
    if (this.perPass) return this.passFfn(layer, x, mask, out, maskMs);
    for (let n = 0; n < N; n++) {
      const t = this.seen[layer]++;
      const rec = (this.tokens[t] ??= emptyTokenRecord());
      const xs = x.subarray(n * C, (n + 1) * C);
      const t1 = performance.now();
      const chosen = this.choose(layer, xs, mask ? mask.subarray(n * F, (n + 1) * F) : null);
      rec.selectMs += performance.now() - t1 + maskMs / N;
      rec.rows++;
      rec.rowSelected += chosen.length;
      this.step(layer, t, chosen, rec);
      const o = out.subarray(n * C, (n + 1) * C);
      o.set(this.w.downBias[layer]);
      this.buffers[layer].addFfn(xs, o);
      this.evict(layer, t, rec);
    }
    return out;
  };

  /** All rows of x as one pass: the union of their chosen neurons is loaded once, then every row is computed. */
  private passFfn(
    layer: number,
    x: Float32Array,
    mask: Float32Array | null,
    out: Float32Array,
    maskMs: number,
  ): Float32Array {
    const { nEmbd: C, nFfn: F } = this.store.layout;
    const N = x.length / C;
    const t = this.seen[layer]++;
    const rec = (this.tokens[t] ??= emptyTokenRecord());
    const inUnion = new Uint8Array(F);
    const t0 = performance.now();
    for (let n = 0; n < N; n++) {
      const chosen = this.choose(
        layer,
        x.subarray(n * C, (n + 1) * C),
        mask ? mask.subarray(n * F, (n + 1) * F) : null,
      );
      rec.rowSelected += chosen.length;
      for (const i of chosen) inUnion[i] = 1;
    }
    rec.selectMs += performance.now() - t0 + maskMs;
    rec.rows += N;
    const union: number[] = [];
    for (let i = 0; i < F; i++) if (inUnion[i]) union.push(i);
    this.step(layer, t, Int32Array.from(union), rec);
    for (let n = 0; n < N; n++) {
      const o = out.subarray(n * C, (n + 1) * C);
      o.set(this.w.downBias[layer]);
      this.buffers[layer].addFfn(x.subarray(n * C, (n + 1) * C), o);
    }
    this.evict(layer, t, rec);
    return out;
  }

  /** The neurons this token needs at this layer, ascending. */
  private choose(layer: number, x: Float32Array, mask: Float32Array | null): Int32Array {
    const { nEmbd: C, nFfn: F } = this.store.layout;
    const sel: number[] = [];
    if (this.policy.select === 'all') return this.allNeurons;
    if (mask) {
      for (let i = 0; i < F; i++) if (mask[i] > 0) sel.push(i);
    } else {
      // Oracle: the true active set, x W_up + b > 0, from a DRAM copy of W_up that the policy never pays for (a
      // yardstick only), on the kernels' dense product.
      const heap = this.kernels.heap;
      heap.f32.set(x, this.oracleX >> 2);
      const { up, bias } = this.oracle[layer];
      this.kernels.fn.matvec(this.oracleX, up, bias, this.oracleY, C, F);
      const pre = heap.f32,
        at = this.oracleY >> 2;
      for (let i = 0; i < F; i++) if (pre[at + i] > 0) sel.push(i);
    }
    return Int32Array.from(sel);
  }

  /** Loads the chosen neurons that are not in DRAM and marks all chosen ones as used at token t. */
  private step(layer: number, t: number, chosen: Int32Array, rec: TokenRecord): void {
    const buf = this.buffers[layer],
      used = this.lastUsed[layer];
    const missing: number[] = [];
    for (const i of chosen) {
      used[i] = t;
      if (!buf.has(i)) missing.push(i);
    }
    rec.selected += chosen.length;
    this.load(layer, Int32Array.from(missing), rec, this.policy.select === 'all');
    rec.heldPeak += buf.numUsed;
  }

  /** Reads `neurons` (ascending) into the layer's buffer: contiguous ranges in big reads when `whole` (the policy
   *  reads everything, or the resident share); else one neuron per read (two in the separate layout), as the paper
   *  does, or with the policy's `span` one read from the first to the last (two in the separate layout). */
  private load(layer: number, neurons: Int32Array, rec: TokenRecord, whole: boolean): void {
    if (neurons.length === 0) return;
    const L = this.store.layout,
      buf = this.buffers[layer],
      bias = this.w.upBias[layer];
    const ranges: ReadRange[] = [];
    if (whole) {
      let s = 0;
      for (let k = 1; k <= neurons.length; k++)
        if (k === neurons.length || neurons[k] !== neurons[k - 1] + 1) {
          ranges.push(...rangeReads(L, layer, neurons[s], neurons[k - 1] + 1));
          s = k;
        }
    } else if (this.policy.span) {
      ranges.push(...rangeReads(L, layer, neurons[0], neurons[neurons.length - 1] + 1));
    } else {
      ranges.push(...neuronReads(L, layer, neurons));
    }
    const firstNew = buf.numUsed; // the rows appended now hold the neurons this load reads
    for (const i of neurons) buf.append(i, bias[i]);
    const base = L.headerBytes + layer * L.layerBytes,
      half = L.neuronBytes / 2,
      copies = L.bits === 32 && L.name === 'separate';
    this.store.readEach(ranges, (bytes, r) => {
      // Decode each read's halves into buffer rows: which neuron and which half (up/down) follows from the offset.
      for (let p = 0; p < r.length; ) {
        const rel = r.offset + p - base;
        let neuron: number, isUp: boolean;
        if (L.name === 'bundled') {
          neuron = Math.floor(rel / L.neuronBytes);
          isUp = rel % L.neuronBytes === 0;
        } else {
          isUp = rel < L.nFfn * half;
          neuron = (isUp ? rel : rel - L.nFfn * half) / half;
        }
        const row = buf.rowOf(neuron);
        if (row < firstNew) {
          p += half; // a span's neurons between the missing ones (or already held): read, not needed
          continue;
        }
        // fp32 in the separate layout: the next neurons' halves follow in the read and, loaded in order, in the
        // buffer's rows too, so a run of them is one copy.
        let run = 1;
        if (copies)
          while (p + (run + 1) * half <= r.length && neuron + run < L.nFfn && buf.rowOf(neuron + run) === row + run)
            run++;
        const { f32, at } = buf.halfAt(row, isUp);
        if (run > 1) f32.set(new Float32Array(bytes.buffer, bytes.byteOffset + p, (run * half) / 4), at);
        else this.store.decodeHalf(bytes, p, layer, neuron, isUp, f32, at);
        p += run * half;
      }
      const key = `${whole ? 'sequential' : 'scattered'}:${r.length}`;
      rec.readsBySize[key] = (rec.readsBySize[key] ?? 0) + 1;
      if (whole) rec.rangeBytes += r.length;
      else rec.neuronBytes += r.length;
    });
    const c = this.store.storage.takeCounts();
    rec.reads += c.reads;
    rec.bytes += c.bytesRead;
    rec.readMs += this.store.takeReadMs();
    rec.loaded += neurons.length;
  }

  /** Drops the neurons the policy does not keep after token t: all non-resident ones, or (windowing) those not
   *  chosen in the last k tokens; then, over the DRAM budget, the ones used longest ago (lowest index on a tie). */
  private evict(layer: number, t: number, rec: TokenRecord): void {
    const buf = this.buffers[layer],
      used = this.lastUsed[layer],
      k = this.policy.windowK;
    const before = buf.rowsMoved;
    const held = buf.neurons();
    for (let r = held.length - 1; r >= 0; r--) {
      // from the last row back, so deleting a tail moves nothing
      const i = held[r];
      if (i < this.residentCount) continue;
      if (k === 0 || t - used[i] >= k) buf.delete(i);
    }
    if (buf.numUsed > this.keepCount) {
      const oldest = Array.from(buf.neurons())
        .filter((i) => i >= this.residentCount)
        .sort((a, b) => used[a] - used[b] || a - b);
      for (const i of oldest.slice(0, buf.numUsed - this.keepCount)) buf.delete(i);
    }
    rec.rowsMoved += buf.rowsMoved - before;
    rec.heldAfter += buf.numUsed;
  }
}
