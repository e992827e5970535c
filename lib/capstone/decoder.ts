// Lesson 9's decoder: target-v1 (fp32 or its AWQ int4 variant) on the lean engine, its FFN weights read from a
// store (lesson 4), the neurons it computes chosen densely, exactly or by the predictor (lessons 2–4), and draft-v1
// guessing a chain or a token tree that the target verifies in one pass (lesson 8), the pass reading the union of
// its nodes' neurons (lesson 3's batch union, on a tree). One options object (options.ts) switches each piece.
// With exact sparsity and greedy verification the text is the plain in-memory model's (tests/lib/capstone).
import type { LeanEngine } from '../engine/engine.ts';
import { FlashFfn, type TokenRecord } from '../flash/flash-ffn.ts';
import type { FfnLayoutName } from '../flash/layout.ts';
import type { FlashPolicy } from '../flash/policy.ts';
import { FlashFfnStore, type FfnWeights } from '../flash/store.ts';
import type { ActivationPredictor } from '../sparsity/predictor.ts';
import { SpeculativeSession } from '../speculative/session.ts';
import type { TreeRunner } from '../speculative/runner.ts';
import { MemoryStorage } from '../storage/memory.ts';
import type { ByteStorage } from '../storage/storage.ts';
import type { Tokenizer, TokenPiece } from '../tokenizer.ts';
import { describeToken, drainTokens, type GeneratedToken, type TokenStream } from '../generate.ts';
import { CAPSTONE_WINDOW_K, type CapstoneOptions, type CapstoneWeights, validateCapstoneOptions } from './options.ts';
import { NoDraft, StoreTarget } from './target.ts';

/** One target's pieces: its engine (fp32, or int4 with packed weights) and its FFN (for int4, the dequantized values
 *  with the packed matrices alongside: the store then holds int4 codes). */
export interface CapstoneTarget {
  engine: LeanEngine;
  ffn: FfnWeights;
}

export interface CapstoneModels {
  tokenizer: Tokenizer;
  targets: Partial<Record<CapstoneWeights, CapstoneTarget>>;
  draft: TreeRunner;
  predictor: ActivationPredictor;
}

/** The FFN stores, opened once per weights × storage × layout and reused (opening writes the weights). */
export class CapstoneStores {
  private readonly open = new Map<string, FlashFfnStore>();
  private readonly flash: (key: string) => ByteStorage;

  /** `flash(key)` makes the flash back end for one store: a NodeFileStorage in Node, OPFS in the browser. */
  constructor(flash: (key: string) => ByteStorage) {
    this.flash = flash;
  }

  get(weights: CapstoneWeights, ffn: FfnWeights, storage: CapstoneOptions['storage'], layout: FfnLayoutName) {
    const key = `${weights}-${storage}-${layout}`;
    let store = this.open.get(key);
    if (!store) {
      store = FlashFfnStore.open(storage === 'memory' ? new MemoryStorage(key) : this.flash(key), ffn, layout);
      this.open.set(key, store);
    }
    return store;
  }

  close(): void {
    for (const s of this.open.values()) s.storage.close();
    this.open.clear();
  }
}

/** Where a run's time went, in milliseconds per generated token. */
export interface TimeSplit {
  reads: number;
  /** Choosing the neurons: the predictor, or the exact oracle's dense W_up product (a yardstick's cost). */
  select: number;
  /** The rest of the FFN: DRAM bookkeeping (windowing's evictions) and the multiply-adds over the held neurons. */
  ffn: number;
  /** The rest of the target pass: embeddings, attention, projections, the head. */
  attention: number;
  draft: number;
  /** Verification, sampling and cache bookkeeping outside the passes. */
  bookkeeping: number;
}

export interface CapstoneRun {
  options: CapstoneOptions;
  ids: number[];
  text: string;
  /** Tokens the steps emitted (ids may be cut to maxNewTokens), target passes, and their ratio. */
  emitted: number;
  passes: number;
  tokensPerPass: number;
  /** Milliseconds of the run's steps on its clock (wall by default), and tokens per second of that clock. */
  wallMs: number;
  tokensPerSecond: number;
  bytesPerToken: number;
  readsPerToken: number;
  /** Read calls per generated token by kind and size, as TokenRecord.readsBySize. */
  readsBySize: Record<string, number>;
  /** Bytes in DRAM: the engine's heap without its unused FFN weights, plus the FFN neurons held (mean at the peak
   *  of a pass, all layers, decoded to fp32), the FFN biases and, for int4, the groups' scales and zero points. */
  dramBytes: number;
  split: TimeSplit;
  /** Rows per target pass, and active neurons per layer: per row (summed over rows) and distinct in the pass. */
  union: { rowsPerPass: number; neuronsPerRow: number; neuronsPerPass: number };
  /** The store's records of the generated tokens' passes (one per pass). */
  records: TokenRecord[];
}

const POLICY_SELECT = { dense: 'all', exact: 'exact', predicted: 'predictor' } as const;

/** The FlashFfn for a combination: its store, its policy, the predictor when asked for, one batch per pass. */
export function capstoneFfn(models: CapstoneModels, stores: CapstoneStores, o: CapstoneOptions): FlashFfn {
  const target = models.targets[o.weights];
  if (!target) throw new Error(`capstone: no ${o.weights} target was loaded`);
  const layout: FfnLayoutName = o.bundled ? 'bundled' : 'separate';
  const policy: FlashPolicy = {
    select: POLICY_SELECT[o.ffn],
    resident: 0,
    windowK: o.window ? CAPSTONE_WINDOW_K : 0,
    layout,
    span: o.span,
  };
  const store = stores.get(o.weights, target.ffn, o.storage, layout);
  // SIMD kernels where the browser has them: the plain-JS FFN loops cost more than the engine's whole pass.
  return new FlashFfn(store, target.ffn, policy, { predictor: models.predictor, perPass: true, kernels: 'auto' });
}

/** One step of the capstone decoder: one target pass (a plain token, or a chain or tree verified at once). */
export interface CapstoneStep {
  /** Tokens the step wrote: the accepted guesses, then the target's own. */
  emitted: number[];
  /** The store's records of the step's target passes (one; two when the context window slid and was recomputed). */
  records: TokenRecord[];
  /** Where the step's time went, in milliseconds of the whole step on the decoder's `now` (a run's TimeSplit divides
   *  their sums by the tokens emitted). */
  ms: TimeSplit;
  /** Milliseconds of the step on the decoder's `clock` (the run's clock, for tokens/s). */
  clockMs: number;
}

/** A token with the step that emitted it (every token of a step holds the same object). */
export interface CapstoneToken extends GeneratedToken {
  record: CapstoneStep;
}

export interface CapstoneClocks {
  /** The clock of the time split (the store times its reads with performance.now, so keep the default). */
  now?: () => number;
  /** The clock of the whole run, for tokens/s: e.g. this process's CPU time on a machine shared with others. */
  clock?: () => number;
}

/**
 * Lesson 9's decoder as a TokenStream (lib/generate.ts): next() yields one token at a time, the tokens of a step
 * buffered, each carrying its step's reads and time split. The prompt's prefill is not a generated token: its reads
 * and time are left out of every record. `prompt` must fit the target's context (capstoneGenerate checks the room).
 */
export class CapstoneDecoder implements TokenStream<CapstoneToken> {
  readonly promptIds: number[];
  readonly options: CapstoneOptions;
  readonly target: StoreTarget;
  private readonly session: SpeculativeSession;
  private readonly tokenizer: Tokenizer;
  private readonly piece: (id: number) => TokenPiece;
  private readonly now: () => number;
  private readonly clock: () => number;
  private buffer: CapstoneToken[] = [];

  constructor(
    models: CapstoneModels,
    stores: CapstoneStores,
    prompt: string | number[],
    options: Partial<CapstoneOptions>,
    { now = () => performance.now(), clock = now }: CapstoneClocks = {},
  ) {
    const o = validateCapstoneOptions(options);
    this.options = o;
    this.now = now;
    this.clock = clock;
    this.tokenizer = models.tokenizer;
    this.promptIds = typeof prompt === 'string' ? models.tokenizer.encode(prompt) : [...prompt];
    if (this.promptIds.length === 0) throw new Error('capstone: the prompt is empty');
    const t = models.targets[o.weights];
    if (!t) throw new Error(`capstone: no ${o.weights} target was loaded`);
    this.target = new StoreTarget(t.engine, capstoneFfn(models, stores, o), now);
    const draft = o.speculation === 'plain' ? new NoDraft(t.engine.config.vocabSize) : models.draft;
    this.session = new SpeculativeSession(this.target, draft, this.promptIds, {
      shape: o.tree,
      blockSize: t.engine.config.blockSize,
      temperature: o.temperature,
      seed: o.seed,
      now,
    });
    this.target.takeClock();
    this.target.flash.store.storage.takeCounts();
    this.piece = models.tokenizer.pieceStream();
    for (const id of this.promptIds) this.piece(id);
  }

  /** One target pass; its tokens are also what the next calls of next() return. */
  step(): CapstoneStep & { logits: Float32Array[] } {
    const flash = this.target.flash;
    const firstRecord = flash.tokens.length;
    const c0 = this.clock(),
      s0 = this.now();
    const s = this.session.step();
    const stepMs = this.now() - s0,
      clockMs = this.clock() - c0;
    const pass = this.target.takeClock();
    const records = flash.tokens.slice(firstRecord);
    const reads = records.reduce((a, r) => a + r.readMs, 0),
      select = records.reduce((a, r) => a + r.selectMs, 0);
    const ms: TimeSplit = {
      reads,
      select,
      ffn: pass.ffnMs - reads - select,
      attention: pass.passMs - pass.ffnMs,
      draft: s.draftMs,
      bookkeeping: stepMs - pass.passMs - s.draftMs,
    };
    return { emitted: s.emitted, records, ms, clockMs, logits: s.logits };
  }

  /** The next token (runs a step when the buffer is empty). */
  next(): CapstoneToken {
    if (this.buffer.length === 0) {
      const { logits, ...record } = this.step();
      this.buffer = record.emitted.map((id, i) => ({
        ...describeToken(this.tokenizer, id, logits[i], 5, this.piece(id)),
        record,
      }));
    }
    return this.buffer.shift()!;
  }

  dispose(): void {
    this.session.dispose();
  }
}

/** Steps' records summed, per token the steps emitted (the last step's extra guesses too): the figures of a run so
 *  far, which capstoneGenerate and the page's worker both report. */
export function capstoneTotals(steps: CapstoneStep[]) {
  const stepSum = (f: (s: CapstoneStep) => number) => steps.reduce((a, s) => a + f(s), 0);
  const emitted = stepSum((s) => s.emitted.length),
    clockMs = stepSum((s) => s.clockMs);
  const records = steps.flatMap((s) => s.records);
  const perToken = (f: (r: TokenRecord) => number) => records.reduce((a, r) => a + f(r), 0) / emitted;
  const split = (part: keyof TimeSplit) => stepSum((s) => s.ms[part]) / emitted;
  return {
    emitted,
    passes: steps.length,
    tokensPerPass: emitted / steps.length,
    clockMs,
    tokensPerSecond: (1000 * emitted) / clockMs,
    bytesPerToken: perToken((r) => r.bytes),
    readsPerToken: perToken((r) => r.reads),
    readsBySize: readsBySizePerToken(records, emitted),
    split: {
      reads: split('reads'),
      select: split('select'),
      ffn: split('ffn'),
      attention: split('attention'),
      draft: split('draft'),
      bookkeeping: split('bookkeeping'),
    } satisfies TimeSplit,
    records,
  };
}

/** Read calls per generated token by kind and size ("scattered:1024"), summed over the passes' records: the counts
 *  a storage curve prices (lib/flash/cost.ts). */
function readsBySizePerToken(records: TokenRecord[], emitted: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [k, n] of Object.entries(r.readsBySize)) out[k] = (out[k] ?? 0) + n / emitted;
  return out;
}

/** Decodes up to maxNewTokens after `prompt` with the combination `options`, measuring the generated tokens: a
 *  CapstoneDecoder drained, its steps' records summed. */
export function capstoneGenerate(
  models: CapstoneModels,
  stores: CapstoneStores,
  prompt: string | number[],
  options: Partial<CapstoneOptions>,
  { maxNewTokens = 24, ...clocks }: { maxNewTokens?: number } & CapstoneClocks = {},
): CapstoneRun {
  const o = validateCapstoneOptions(options);
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 1))
    throw new Error(`capstone: maxNewTokens must be a whole number ≥ 1, got ${maxNewTokens}`);
  const t = models.targets[o.weights];
  if (!t) throw new Error(`capstone: no ${o.weights} target was loaded`);
  const promptIds = typeof prompt === 'string' ? models.tokenizer.encode(prompt) : [...prompt];
  const { blockSize } = t.engine.config;
  if (promptIds.length === 0) throw new Error('capstone: the prompt is empty');
  if (promptIds.length + maxNewTokens > blockSize)
    throw new Error(
      `capstone: ${promptIds.length} prompt tokens + ${maxNewTokens} new ones exceed the context of ${blockSize}`,
    );
  const decoder = new CapstoneDecoder(models, stores, promptIds, o, clocks);
  const flash = decoder.target.flash;
  const steps: CapstoneStep[] = [];
  const tokens = drainTokens(decoder, {
    maxNewTokens,
    onToken: (tok) => {
      if (steps.at(-1) !== tok.record) steps.push(tok.record);
    },
  });
  const totals = capstoneTotals(steps);
  const records = totals.records;
  const sum = (f: (r: TokenRecord) => number) => records.reduce((a, r) => a + f(r), 0);
  const { nLayer, nEmbd, nFfn } = t.engine.config;
  const heldPeak = sum((r) => r.heldPeak) / Math.max(1, records.length);
  const ffnHeapBytes = ffnBytesInHeap(t); // the engine's own FFN weights, never used with a store
  const ids = tokens.map((tok) => tok.id);
  const { tree: _tree, ...chosen } = o;
  return {
    options: chosen,
    ids,
    text: models.tokenizer.decode(ids),
    emitted: totals.emitted,
    passes: totals.passes,
    tokensPerPass: totals.tokensPerPass,
    wallMs: totals.clockMs,
    tokensPerSecond: totals.tokensPerSecond,
    bytesPerToken: totals.bytesPerToken,
    readsPerToken: totals.readsPerToken,
    readsBySize: totals.readsBySize,
    dramBytes:
      t.engine.heapBytes -
      ffnHeapBytes +
      heldPeak * 2 * nEmbd * 4 +
      nLayer * (nFfn + nEmbd) * 4 +
      flash.store.groupBytes,
    split: totals.split,
    union: {
      rowsPerPass: sum((r) => r.rows) / Math.max(1, records.length * nLayer),
      neuronsPerRow:
        sum((r) => r.rowSelected) /
        Math.max(
          1,
          sum((r) => r.rows),
        ),
      neuronsPerPass: sum((r) => r.selected) / Math.max(1, records.length * nLayer),
    },
    records,
  };
}

/** Bytes of the FFN weight matrices in the engine's heap: fp32, or packed codes with their scales and zero points. */
function ffnBytesInHeap(t: CapstoneTarget): number {
  const { nLayer, nEmbd, nFfn } = t.engine.config;
  if (!t.ffn.int4) return nLayer * 2 * nEmbd * nFfn * 4;
  let bytes = 0;
  for (const q of [...t.ffn.int4.up, ...t.ffn.int4.down]) bytes += q.codes.length + 8 * q.scales.length; // codes, fp32 scales, zero points held as fp32
  return bytes;
}
