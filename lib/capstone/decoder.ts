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
import type { Tokenizer } from '../tokenizer.ts';
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
  /** Milliseconds of the whole run on its clock (wall by default), and tokens per second of that clock. */
  wallMs: number;
  tokensPerSecond: number;
  bytesPerToken: number;
  readsPerToken: number;
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
  };
  const store = stores.get(o.weights, target.ffn, o.storage, layout);
  return new FlashFfn(store, target.ffn, policy, { predictor: models.predictor, perPass: true });
}

/** Decodes up to maxNewTokens after `prompt` with the combination `options`, measuring the generated tokens. */
export function capstoneGenerate(
  models: CapstoneModels,
  stores: CapstoneStores,
  prompt: string | number[],
  options: Partial<CapstoneOptions>,
  {
    maxNewTokens = 24,
    now = () => performance.now(),
    clock = now,
  }: {
    maxNewTokens?: number;
    /** The clock of the time split (the store times its reads with performance.now, so keep the default). */
    now?: () => number;
    /** The clock of the whole run, for tokens/s: e.g. this process's CPU time on a machine shared with others. */
    clock?: () => number;
  } = {},
): CapstoneRun {
  const o = validateCapstoneOptions(options);
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 1))
    throw new Error(`capstone: maxNewTokens must be a whole number ≥ 1, got ${maxNewTokens}`);
  const t = models.targets[o.weights]!;
  const flash = capstoneFfn(models, stores, o);
  const target = new StoreTarget(t.engine, flash, now);
  const draft = o.speculation === 'plain' ? new NoDraft(t.engine.config.vocabSize) : models.draft;
  const ids = typeof prompt === 'string' ? models.tokenizer.encode(prompt) : [...prompt];
  const { blockSize } = t.engine.config;
  if (ids.length === 0) throw new Error('capstone: the prompt is empty');
  if (ids.length + maxNewTokens > blockSize)
    throw new Error(
      `capstone: ${ids.length} prompt tokens + ${maxNewTokens} new ones exceed the context of ${blockSize}`,
    );
  const session = new SpeculativeSession(target, draft, ids, {
    shape: o.tree,
    blockSize,
    temperature: o.temperature,
    seed: o.seed,
    now,
  });
  // The prompt's prefill is not a generated token: its reads and time are left out.
  target.takeClock();
  const firstRecord = flash.tokens.length;
  flash.store.storage.takeCounts();
  const out: number[] = [];
  let draftMs = 0,
    passes = 0,
    emitted = 0;
  const t0 = clock(),
    s0 = now();
  while (out.length < maxNewTokens) {
    const step = session.step();
    draftMs += step.draftMs;
    passes++;
    emitted += step.emitted.length;
    out.push(...step.emitted);
  }
  const wallMs = clock() - t0,
    splitMs = now() - s0;
  session.dispose();
  const passClock = target.takeClock();
  const records = flash.tokens.slice(firstRecord);
  const sum = (f: (r: TokenRecord) => number) => records.reduce((a, r) => a + f(r), 0);
  const readMs = sum((r) => r.readMs),
    selectMs = sum((r) => r.selectMs);
  const { nLayer, nEmbd, nFfn } = t.engine.config;
  const heldPeak = sum((r) => r.heldPeak) / Math.max(1, records.length);
  const ffnHeapBytes = ffnBytesInHeap(t); // the engine's own FFN weights, never used with a store
  const ids2 = out.slice(0, maxNewTokens);
  const { tree: _tree, ...chosen } = o;
  return {
    options: chosen,
    ids: ids2,
    text: models.tokenizer.decode(ids2),
    emitted,
    passes,
    tokensPerPass: emitted / passes,
    wallMs,
    tokensPerSecond: (1000 * emitted) / wallMs,
    bytesPerToken: sum((r) => r.bytes) / emitted,
    readsPerToken: sum((r) => r.reads) / emitted,
    dramBytes:
      t.engine.heapBytes -
      ffnHeapBytes +
      heldPeak * 2 * nEmbd * 4 +
      nLayer * (nFfn + nEmbd) * 4 +
      flash.store.groupBytes,
    split: {
      reads: readMs / emitted,
      select: selectMs / emitted,
      ffn: (passClock.ffnMs - readMs - selectMs) / emitted,
      attention: (passClock.passMs - passClock.ffnMs) / emitted,
      draft: draftMs / emitted,
      bookkeeping: (splitMs - passClock.passMs - draftMs) / emitted,
    },
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
