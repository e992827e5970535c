// A model with its own KV cache, as speculative decoding drives it: run some new tokens (optionally with a tree
// mask and explicit positions), then keep only the cache positions of the accepted path.
// TfjsRunner wraps lib's LanguageModel; lib/speculative/lean-gpt.ts is a plain-JS runner for the draft.
import type { LeanEngine } from '../engine/engine.ts';
import type { LanguageModel } from '../model.ts';
import type { KVCache } from '../kv-cache.ts';

export interface RunOptions {
  /** [T][length + T], 1 = may attend. Default: causal. */
  mask?: number[][];
  /** Absolute position of each new token. Default: length + 0..T-1. */
  positions?: number[];
}

export interface TreeRunner {
  /** Positions held in the cache. */
  readonly length: number;
  /** Runs `tokens` after the cached positions, appends them to the cache, returns one logits row per token. */
  run(tokens: number[], opts?: RunOptions): Float32Array[];
  /** Keeps only these cache positions, in this order (an accepted path is scattered through the tree). */
  keep(positions: number[]): void;
  /** Empties the cache. */
  reset(): void;
  /** A copy of the cache per layer, [nHead, length, headSize] row-major (to check it against plain decoding). */
  cacheValues(): { k: Float32Array[]; v: Float32Array[] };
  dispose(): void;
}

/**
 * A TreeRunner over a lean engine that changes only how a pass runs (what it reads first, what it times): the cache
 * calls go to the engine. Lesson 8's memory-bound runner and lesson 9's store-fed target extend it.
 */
export abstract class EngineTreeRunner implements TreeRunner {
  readonly engine: LeanEngine;

  constructor(engine: LeanEngine) {
    this.engine = engine;
  }

  get length(): number {
    return this.engine.length;
  }

  abstract run(tokens: number[], opts?: RunOptions): Float32Array[];

  keep(positions: number[]): void {
    this.engine.keep(positions);
  }

  reset(): void {
    this.engine.reset();
  }

  cacheValues(): { k: Float32Array[]; v: Float32Array[] } {
    return this.engine.cacheValues();
  }

  dispose(): void {
    this.engine.dispose();
  }
}

export class TfjsRunner implements TreeRunner {
  readonly model: LanguageModel;
  private cache: KVCache;

  constructor(model: LanguageModel) {
    this.model = model;
    this.cache = model.newCache();
  }

  get length(): number {
    return this.cache.length;
  }

  run(tokens: number[], opts: RunOptions = {}): Float32Array[] {
    const rows = this.model.forward([tokens], {
      cache: this.cache,
      mask: opts.mask,
      positions: opts.positions ? [opts.positions] : undefined,
    }).logits[0];
    return rows.map((r) => r.slice());
  }

  keep(positions: number[]): void {
    this.cache.keep(positions);
  }

  reset(): void {
    this.cache.dispose();
  }

  cacheValues(): { k: Float32Array[]; v: Float32Array[] } {
    const t = this.cache.tensors;
    return {
      k: t?.k.map((x) => x.dataSync() as Float32Array) ?? [],
      v: t?.v.map((x) => x.dataSync() as Float32Array) ?? [],
    };
  }

  dispose(): void {
    this.cache.dispose();
  }
}
