// Runs a real model under FlexGen's zig-zag block schedule [§4.2, Alg. 1]: the sequences are split into GPU batches of
// `gbs`; a block is `nb` batches. For each block, for each token (column), for each layer, the layer's weights are
// loaded ONCE from a slower tier and then run for every GPU batch of the block, each with its own KV cache. With
// nb = 1 this is row-by-row (every batch reloads every layer at every token). Greedy decoding; the output equals
// plain batched decoding of all sequences at once (tests/lib/offload/zigzag-executor.test.ts).
//
// It runs on the lean engine (lib/engine), the one block of the inference path: the engine's layer weights start
// zeroed and a load fills them from the slow tier, in place; each sequence has its own engine cache, and a layer runs
// for the block's sequences in turn (a GPU batch is a group of sequences for the schedule's arithmetic; the engine
// runs them one after another).
//
// Each sequence of a block is a TokenStream (lib/generate.ts), like every other decoder: its next() gives its next
// token, and the block computes a whole column (every sequence's next token, each layer loaded once) the first time
// any of its streams asks for that column, keeping the other sequences' tokens until their streams ask. So the
// order in which the streams are read changes neither the tokens nor the weight loads.
import { type EngineCache, type EnginePass, LeanEngine } from '../engine/engine.ts';
import { engineInputs } from '../engine/index.ts';
import type { KernelKind } from '../engine/kernels.ts';
import { describeToken, drainTokens, type GeneratedToken, type TokenStream } from '../generate.ts';
import type { LanguageModel } from '../model.ts';
import { argmax } from '../sampling.ts';
import type { TokenPiece } from '../tokenizer.ts';
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
  /** Round-trip the keys and the values each step appends ([T, C] per sequence, C values a row) through a compressed
   *  form before attention reads and the cache keeps them (lib/offload's kvRoundTrip; the engine's kvFn seam). */
  compressKV?: (rows: Float32Array, rowLength: number) => Float32Array;
}

/** One layer's parameters, by their names in the weights file after "h.<layer>.": what a load reads. */
const LAYER_PARAM_NAMES = [
  'ln_1.weight',
  'ln_1.bias',
  'attn.qkv.weight',
  'attn.qkv.bias',
  'attn.proj.weight',
  'attn.proj.bias',
  'ln_2.weight',
  'ln_2.bias',
  'mlp.up.weight',
  'mlp.up.bias',
  'mlp.down.weight',
  'mlp.down.bias',
];

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
  /** The engine's kernels: WebAssembly SIMD, or plain JavaScript where SIMD is missing. */
  kernels: KernelKind;
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
 * The zig-zag executor: the slow tier holding every layer's weights; the lean engine, which keeps the embeddings and
 * the final LayerNorm resident (as in FlexGen) and whose layer weights a load fills from the tier; and the counters
 * over every block it runs. `block(prompts)` starts one block of up to `nb` GPU batches and returns a TokenStream per
 * sequence. Call dispose() when done.
 */
export class ZigzagExecutor {
  readonly opts: ZigzagOptions;
  readonly model: LanguageModel;
  readonly engine: LeanEngine;
  private readonly disk: CountingTier;
  private readonly readBefore: number;
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
    const [config, all, engineOpts] = engineInputs(model); // refuses a model with an unmerged adapter attached
    this.disk = new CountingTier(opts.storage);
    const resident = { ...all };
    for (let l = 0; l < cfg.nLayer; l++)
      for (const p of LAYER_PARAM_NAMES) {
        const name = `h.${l}.${p}`;
        this.disk.put(name, all[name]);
        resident[name] = new Float32Array(all[name].length); // zeroed: nothing computes on weights no load brought
      }
    this.engine = new LeanEngine(config, resident, engineOpts);
    this.readBefore = this.disk.bytesRead;
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

  /** Frees the caches of any block still open, and the engine. */
  dispose(): void {
    for (const b of this.live) b.free();
    this.live.clear();
    this.engine.dispose();
  }

  /** Runs one column of `block`: every layer loaded once, run for each of its sequences. Returns the logits of each
   *  sequence's last position, [sequences][vocab]. */
  runColumn(block: ZigzagBlock): Float32Array[] {
    const { nLayer, nEmbd: C } = this.model.config;
    const kvFn = this.opts.compressKV;
    // Each sequence's activations, parked between layers ([T, C] each), and its tokens' keys and values appended to
    // its own cache.
    const passes: EnginePass[] = block.next.map((ids, i) =>
      this.engine.begin(ids, kvFn ? { kvFn } : {}, block.caches[i]),
    );
    this.peakActivationBytes = Math.max(
      this.peakActivationBytes,
      passes.reduce((a, p) => a + p.x.byteLength, 0),
    );
    for (let l = 0; l < nLayer; l++) {
      this.loadLayer(l); // one load serves every sequence of the block
      this.weightLoads++;
      for (const p of passes) this.engine.runLayer(p);
    }
    const logits = passes.map((p) => this.engine.finish(p).at(-1)!);
    let positions = 0;
    for (const b of this.live) for (const c of b.caches) positions += c.length;
    this.peakKvBytes = Math.max(this.peakKvBytes, positions * nLayer * 2 * C * 4); // fp32 keys and values
    return logits;
  }

  // Reads layer l's parameters from the slow tier straight into the engine's slots for them (one counted read each).
  private loadLayer(l: number): void {
    for (const p of LAYER_PARAM_NAMES)
      this.engine.fillParameter(`h.${l}.${p}`, (bytes) => this.disk.readInto(`h.${l}.${p}`, bytes));
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
  /** Per sequence: the tokens entering the next column. */
  next: number[][];
  /** Per sequence: its KV cache in the executor's engine (empty once the block is freed). */
  caches: EngineCache[];
  readonly made: ZigzagToken[][];
  column = 0;
  private open: number;
  private readonly pieces: ((id: number) => TokenPiece)[];

  constructor(executor: ZigzagExecutor, prompts: number[][]) {
    this.executor = executor;
    this.prompts = prompts;
    this.promptLength = prompts[0].length;
    this.next = prompts;
    const positions = this.promptLength + executor.opts.maxNewTokens - 1;
    this.caches = prompts.map(() => executor.engine.newCache(positions));
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
    const { maxNewTokens } = this.executor.opts;
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
      this.next = ids.map((id) => [id]);
      this.column++;
      if (this.column === maxNewTokens) this.free(); // the last column: no cache is needed after it
    }
    return this.made[seq][k];
  }

  free(): void {
    for (const c of this.caches) this.executor.engine.dropCache(c);
    this.caches = [];
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
    kernels: executor.engine.kernels,
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
