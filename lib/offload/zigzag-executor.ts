// Runs a real model under FlexGen's zig-zag block schedule [§4.2, Alg. 1]: the sequences are split into GPU batches of
// `gbs`; a block is `nb` batches. For each block, for each token (column), for each layer, the layer's weights are
// loaded ONCE from a slower tier and then run for every GPU batch of the block, each with its own KV cache. With
// nb = 1 this is row-by-row (every batch reloads every layer at every token). Greedy decoding; the output equals
// plain batched decoding of all sequences at once (tests/lib/offload/zigzag-executor.test.ts).
//
// Each sequence of a block is a TokenStream (lib/generate.ts), like every other decoder: its next() gives its next
// token, and the block computes a whole column (every sequence's next token, each layer loaded once) the first time
// any of its streams asks for that column, keeping the other sequences' tokens until their streams ask. So the
// order in which the streams are read changes neither the tokens nor the weight loads.
import * as tf from '@tensorflow/tfjs';
import { describeToken, drainTokens, type GeneratedToken, type TokenStream } from '../generate.ts';
import type { LanguageModel } from '../model.ts';
import { argmax } from '../sampling.ts';
import type { TokenPiece } from '../tokenizer.ts';
import { blockForward, embed, headForward, LAYER_PARAM_NAMES, type LayerParams } from './layer-forward.ts';
import { CountingTier } from './tiers.ts';
import type { ByteStorage } from '../storage/index.ts';
import { zigzagWeightLoads } from './schedule.ts';

export interface ZigzagOptions {
  /** Sequences per GPU batch. */
  gbs: number;
  /** GPU batches per block (1 = row-by-row). */
  nb: number;
  /** Tokens to generate per sequence. */
  maxNewTokens: number;
  /** Where the layer weights live (lib/storage: memory by default, a file in Node, OPFS in a browser worker). */
  storage?: ByteStorage;
  /** Round-trip the keys/values each step appends ([B, H, T, hs]) through a compressed form before caching them. */
  compressKV?: (kv: tf.Tensor4D) => tf.Tensor4D;
}

export interface ZigzagResult {
  /** Generated token ids per sequence. */
  tokens: number[][];
  /** Layer weight loads from the slow tier, and what the schedule's arithmetic says they should be. */
  weightLoads: number;
  expectedWeightLoads: number;
  /** Bytes of layer weights read from the slow tier. */
  weightBytesRead: number;
  /** Most KV-cache bytes held at once (fp32), and most bytes of activations parked between layers. */
  peakKvBytes: number;
  peakActivationBytes: number;
  seconds: number;
}

/** The column of the block that made a token: its index (0 = the prompt's), the sequences that shared it, and the
 *  layer loads and weight bytes it cost them together. */
export interface ZigzagStep {
  column: number;
  sequences: number;
  weightLoads: number;
  weightBytesRead: number;
}

/** A generated token with the block column that made it. */
export interface ZigzagToken extends GeneratedToken {
  record: ZigzagStep;
}

/**
 * The zig-zag executor: the slow tier holding every layer's weights, the resident embeddings and final LayerNorm
 * (as in FlexGen), and the counters over every block it runs. `block(prompts)` starts one block of up to `nb` GPU
 * batches and returns a TokenStream per sequence. Call dispose() when done.
 */
export class ZigzagExecutor {
  readonly opts: ZigzagOptions;
  readonly model: LanguageModel;
  private readonly disk: CountingTier;
  private readonly readBefore: number;
  private readonly resident: { wte: tf.Tensor; wpe: tf.Tensor; lnW: tf.Tensor; lnB: tf.Tensor };
  private readonly shapes: Map<string, number[]>;
  private readonly live = new Set<ZigzagBlock>();
  weightLoads = 0;
  peakKvBytes = 0;
  peakActivationBytes = 0;

  constructor(model: LanguageModel, opts: ZigzagOptions) {
    const { gbs, nb, maxNewTokens } = opts;
    if (!Number.isInteger(gbs) || gbs < 1) throw new Error(`gbs must be a whole number ≥ 1, got ${gbs}`);
    if (!Number.isInteger(nb) || nb < 1) throw new Error(`nb must be a whole number ≥ 1, got ${nb}`);
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1)
      throw new Error(`maxNewTokens must be a whole number ≥ 1, got ${maxNewTokens}`);
    const cfg = model.config;
    this.model = model;
    this.opts = opts;
    const all = model.exportWeights();
    this.disk = new CountingTier(opts.storage);
    for (let l = 0; l < cfg.nLayer; l++)
      for (const p of LAYER_PARAM_NAMES) this.disk.put(`h.${l}.${p}`, all[`h.${l}.${p}`]);
    this.readBefore = this.disk.bytesRead;
    this.resident = {
      wte: tf.tensor(all['wte.weight'], [cfg.vocabSize, cfg.nEmbd]),
      wpe: tf.tensor(all['wpe.weight'], [cfg.blockSize, cfg.nEmbd]),
      lnW: tf.tensor(all['ln_f.weight']),
      lnB: tf.tensor(all['ln_f.bias']),
    };
    this.shapes = new Map(LAYER_PARAM_NAMES.map((p) => [p, paramShape(model, p)]));
  }

  /** Bytes of layer weights read from the slow tier so far. */
  get weightBytesRead(): number {
    return this.disk.bytesRead - this.readBefore;
  }

  /** One block: `prompts` (all of one length) split into GPU batches of gbs, at most nb of them. A stream per
   *  prompt, in order. */
  block(prompts: number[][]): ZigzagStream[] {
    const { gbs, nb, maxNewTokens } = this.opts;
    checkPrompts(prompts, gbs, maxNewTokens, this.model.config.blockSize);
    if (prompts.length > nb * gbs)
      throw new Error(`a block holds at most nb = ${nb} GPU batches of ${gbs}; got ${prompts.length} prompts`);
    const block = new ZigzagBlock(this, prompts);
    this.live.add(block);
    return prompts.map((_, i) => new ZigzagStream(block, i));
  }

  /** Frees the resident weights and the caches of any block still open. */
  dispose(): void {
    for (const b of this.live) b.free();
    this.live.clear();
    tf.dispose(Object.values(this.resident));
  }

  /** Runs one column of `block`: every layer loaded once, run for each of its GPU batches. Returns the logits of each
   *  sequence's last position, [sequences][vocab]. */
  runColumn(block: ZigzagBlock): Float32Array[] {
    const cfg = this.model.config;
    const { gbs, compressKV } = this.opts;
    const s = block.promptLength;
    const column = block.column;
    const T = column === 0 ? s : 1;
    const past = column === 0 ? 0 : s + column - 1;
    const { wte, wpe, lnW, lnB } = this.resident;
    // Activations of each batch of the block, parked between layers: [gbs, T, C] each.
    let x = block.next.map((ids) => tf.tidy(() => embed(cfg, wte, wpe, tf.tensor2d(ids, [gbs, T], 'int32'), past)));
    for (let l = 0; l < cfg.nLayer; l++) {
      const w = this.loadLayer(l); // one load serves every batch of the block
      this.weightLoads++;
      x = x.map((xi, i) => {
        const cache = block.kv[i];
        const r = tf.tidy(() => {
          const res = blockForward(cfg, w, xi, cache[l]);
          const keep = compressKV ? compressNewKV(res, past, compressKV) : res;
          return { x: keep.x, k: keep.k, v: keep.v };
        });
        if (cache[l]) tf.dispose([cache[l].k, cache[l].v]);
        cache[l] = { k: r.k, v: r.v };
        xi.dispose();
        return r.x;
      });
      tf.dispose(Object.values(w));
      this.peakActivationBytes = Math.max(
        this.peakActivationBytes,
        x.reduce((a, t) => a + t.size * 4, 0),
      );
      let kvBytes = 0;
      for (const b of this.live) kvBytes += b.kvBytes();
      this.peakKvBytes = Math.max(this.peakKvBytes, kvBytes);
    }
    const V = cfg.vocabSize;
    return x.flatMap((xi) => {
      const logitsT = tf.tidy(() => headForward(cfg, lnW, lnB, wte, xi)); // [gbs, V]
      const data = logitsT.dataSync() as Float32Array;
      tf.dispose([logitsT, xi]);
      return Array.from({ length: gbs }, (_, j) => data.slice(j * V, (j + 1) * V));
    });
  }

  private loadLayer(l: number): LayerParams {
    return Object.fromEntries(
      LAYER_PARAM_NAMES.map((p) => [p, tf.tensor(this.disk.get(`h.${l}.${p}`), this.shapes.get(p)!)]),
    );
  }

  /** Called by a block whose streams are all disposed. */
  close(block: ZigzagBlock): void {
    block.free();
    this.live.delete(block);
  }
}

/** One block's state: the tokens entering the next column per GPU batch, each batch's KV cache per layer, and the
 *  tokens made so far per sequence (kept until that sequence's stream takes them). */
class ZigzagBlock {
  readonly executor: ZigzagExecutor;
  readonly prompts: number[][];
  readonly promptLength: number;
  /** Per GPU batch: the tokens entering the next column, flat [gbs · T]. */
  next: number[][];
  /** Per GPU batch, per layer: the cached keys and values ([gbs, H, P, hs] each). */
  readonly kv: { k: tf.Tensor4D; v: tf.Tensor4D }[][];
  readonly made: ZigzagToken[][];
  column = 0;
  private open: number;
  private readonly pieces: ((id: number) => TokenPiece)[];

  constructor(executor: ZigzagExecutor, prompts: number[][]) {
    const { gbs } = executor.opts;
    this.executor = executor;
    this.prompts = prompts;
    this.promptLength = prompts[0].length;
    const batches = prompts.length / gbs;
    this.next = Array.from({ length: batches }, (_, b) => prompts.slice(b * gbs, (b + 1) * gbs).flat());
    this.kv = Array.from({ length: batches }, () => []);
    this.made = prompts.map(() => []);
    this.open = prompts.length;
    this.pieces = prompts.map((p) => {
      const piece = executor.model.tokenizer.pieceStream();
      for (const id of p) piece(id);
      return piece;
    });
  }

  /** Token `k` of sequence `seq`, running columns up to it. */
  token(seq: number, k: number): ZigzagToken {
    const { gbs, maxNewTokens } = this.executor.opts;
    if (k >= maxNewTokens) throw new Error(`zig-zag decoding: this block makes ${maxNewTokens} tokens per sequence`);
    while (this.column <= k) {
      const loads = this.executor.weightLoads;
      const bytes = this.executor.weightBytesRead;
      const logits = this.executor.runColumn(this);
      const record: ZigzagStep = {
        column: this.column,
        sequences: this.prompts.length,
        weightLoads: this.executor.weightLoads - loads,
        weightBytesRead: this.executor.weightBytesRead - bytes,
      };
      const ids = logits.map((row, i) => {
        const id = argmax(row);
        const tok = this.executor.model.tokenizer;
        this.made[i].push({ ...describeToken(tok, id, row, 5, this.pieces[i](id)), record });
        return id;
      });
      this.next = this.next.map((_, b) => ids.slice(b * gbs, (b + 1) * gbs));
      this.column++;
      if (this.column === maxNewTokens) this.free(); // the last column: no cache is needed after it
    }
    return this.made[seq][k];
  }

  kvBytes(): number {
    return this.kv.flat().reduce((a, c) => a + (c.k.size + c.v.size) * 4, 0);
  }

  free(): void {
    for (const row of this.kv) {
      for (const c of row) tf.dispose([c.k, c.v]);
      row.length = 0;
    }
  }

  release(): void {
    if (--this.open === 0) this.executor.close(this);
  }
}

/** One sequence of a zig-zag block, as a TokenStream: greedy tokens, each with the column that made it. */
export class ZigzagStream implements TokenStream<ZigzagToken> {
  readonly promptIds: number[];
  private readonly block: ZigzagBlock;
  private readonly seq: number;
  private taken = 0;
  private disposed = false;

  constructor(block: ZigzagBlock, seq: number) {
    this.block = block;
    this.seq = seq;
    this.promptIds = block.prompts[seq];
  }

  get remaining(): number {
    return this.block.executor.opts.maxNewTokens - this.taken;
  }

  next(): ZigzagToken {
    const token = this.block.token(this.seq, this.taken);
    this.taken++;
    return token;
  }

  /** Releases this sequence; the block frees its caches when its last stream is disposed. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.block.release();
  }
}

/** Generates `maxNewTokens` greedily for every prompt (all of one length) under the zig-zag block schedule: a block of
 *  nb GPU batches at a time, each sequence's stream drained in turn (drainTokens, the one loop over a TokenStream). */
export function runZigzag(model: LanguageModel, prompts: number[][], opts: ZigzagOptions): ZigzagResult {
  const { gbs, nb, maxNewTokens } = opts;
  const executor = new ZigzagExecutor(model, opts);
  const t0 = performance.now();
  const tokens: number[][] = [];
  try {
    checkPrompts(prompts, gbs, maxNewTokens, model.config.blockSize);
    for (let start = 0; start < prompts.length; start += nb * gbs)
      for (const stream of executor.block(prompts.slice(start, start + nb * gbs)))
        tokens.push(drainTokens(stream, { maxNewTokens }).map((t) => t.id));
  } finally {
    executor.dispose();
  }
  return {
    tokens,
    weightLoads: executor.weightLoads,
    expectedWeightLoads: zigzagWeightLoads(
      { batches: prompts.length / gbs, tokens: maxNewTokens, layers: model.config.nLayer },
      nb,
    ),
    weightBytesRead: executor.weightBytesRead,
    peakKvBytes: executor.peakKvBytes,
    peakActivationBytes: executor.peakActivationBytes,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Prompts that split into GPU batches of gbs, all of one non-zero length, leaving room for maxNewTokens. */
function checkPrompts(prompts: number[][], gbs: number, maxNewTokens: number, blockSize: number): void {
  if (prompts.length === 0 || prompts.length % gbs !== 0)
    throw new Error(`${prompts.length} prompts do not split into GPU batches of ${gbs}`);
  const s = prompts[0].length;
  if (s === 0 || prompts.some((p) => p.length !== s))
    throw new Error('all prompts must have the same, non-zero length');
  if (s + maxNewTokens - 1 > blockSize)
    throw new Error(`prompt ${s} + ${maxNewTokens} new tokens exceed the context of ${blockSize}`);
}

/** Plain batched greedy decoding of all prompts at once with the model's own KV cache: the reference output. */
export function plainBatchedDecode(model: LanguageModel, prompts: number[][], maxNewTokens: number): number[][] {
  const cache = model.newCache();
  const out: number[][] = prompts.map(() => []);
  try {
    let input = prompts;
    for (let t = 0; t < maxNewTokens; t++) {
      const logits = model.forward(input, { cache }).logits;
      input = logits.map((rows, b) => {
        const last = rows[rows.length - 1];
        let best = 0;
        for (let i = 1; i < last.length; i++) if (last[i] > last[best]) best = i;
        out[b].push(best);
        return [best];
      });
    }
  } finally {
    cache.dispose();
  }
  return out;
}

function paramShape(model: LanguageModel, p: string): number[] {
  const { nEmbd: C, nFfn: F } = model.config;
  const table: Record<string, number[]> = {
    'attn.qkv.weight': [C, 3 * C],
    'attn.qkv.bias': [3 * C],
    'attn.proj.weight': [C, C],
    'attn.proj.bias': [C],
    'mlp.up.weight': [C, F],
    'mlp.up.bias': [F],
    'mlp.down.weight': [F, C],
    'mlp.down.bias': [C],
  };
  return table[p] ?? [C];
}

/** Replaces the keys/values this step appended (positions past..end) by their compressed round trip. */
function compressNewKV(
  r: { x: tf.Tensor3D; k: tf.Tensor4D; v: tf.Tensor4D },
  past: number,
  f: (kv: tf.Tensor4D) => tf.Tensor4D,
) {
  const roundTrip = (t: tf.Tensor4D) => {
    const [B, H, S, hs] = t.shape;
    const q = f(t.slice([0, 0, past, 0], [B, H, S - past, hs])); // [B, H, T, hs]
    return past ? (tf.concat([t.slice([0, 0, 0, 0], [B, H, past, hs]), q], 2) as tf.Tensor4D) : q;
  };
  return { x: r.x, k: roundTrip(r.k), v: roundTrip(r.v) };
}
