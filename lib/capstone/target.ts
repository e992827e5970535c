// The target as speculative decoding drives it (a TreeRunner), on the lean engine with its FFN served by lesson 4's
// FlashFfn: every pass's rows (one token, a chain or a whole tree) go to the store as one batch, so a tree pass reads
// the union of its nodes' active neurons once. It keeps the clock of where a pass's time goes.
import type { LeanEngine } from '../engine/engine.ts';
import type { FlashFfn } from '../flash/flash-ffn.ts';
import { EngineTreeRunner, type RunOptions, type TreeRunner } from '../speculative/runner.ts';

export class StoreTarget extends EngineTreeRunner {
  readonly flash: FlashFfn;
  /** Target passes, their rows and milliseconds (whole pass, and inside the FFN) since the last takeClock(). */
  passes = 0;
  rows = 0;
  passMs = 0;
  ffnMs = 0;
  private readonly now: () => number;

  constructor(engine: LeanEngine, flash: FlashFfn, now: () => number = () => performance.now()) {
    super(engine);
    this.flash = flash;
    this.now = now;
  }

  private readonly ffnFn = (layer: number, x: Float32Array): Float32Array => {
    const t = this.now();
    const y = this.flash.ffnFn(layer, x);
    this.ffnMs += this.now() - t;
    return y;
  };

  run(tokens: number[], opts: RunOptions = {}): Float32Array[] {
    const t = this.now();
    const rows = this.engine.run(tokens, { ...opts, ffnFn: this.ffnFn });
    this.passMs += this.now() - t;
    this.passes++;
    this.rows += tokens.length;
    return rows;
  }

  /** The engine is the capstone's, shared by every run: a run ends by emptying its cache, not by freeing it. */
  dispose(): void {
    this.engine.reset();
  }

  /** Zeroes the clock and the counts (after the prompt's prefill, so they cover generated tokens only). */
  takeClock(): { passes: number; rows: number; passMs: number; ffnMs: number } {
    const c = { passes: this.passes, rows: this.rows, passMs: this.passMs, ffnMs: this.ffnMs };
    this.passes = this.rows = this.passMs = this.ffnMs = 0;
    return c;
  }
}

/** No draft at all: plain decoding is a speculative session whose tree is only the root, so this runner guesses
 *  nothing and costs nothing (uniform logits that no node ever uses). */
export class NoDraft implements TreeRunner {
  private n = 0;
  private readonly vocabSize: number;

  constructor(vocabSize: number) {
    this.vocabSize = vocabSize;
  }

  get length(): number {
    return this.n;
  }

  run(tokens: number[]): Float32Array[] {
    this.n += tokens.length;
    return tokens.map(() => new Float32Array(this.vocabSize));
  }

  keep(positions: number[]): void {
    this.n = positions.length;
  }

  reset(): void {
    this.n = 0;
  }

  cacheValues(): { k: Float32Array[]; v: Float32Array[] } {
    return { k: [], v: [] };
  }

  dispose(): void {
    this.n = 0;
  }
}
