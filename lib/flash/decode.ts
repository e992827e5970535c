// Running the model with its FFN served from flash (flash-ffn.ts): greedy generation with a KV cache, and a
// teacher-forced pass over a text to price the predictor's mistakes in loss. Attention runs in tfjs, or in the lean
// engine when one is passed (the same FFN hook, the same tokens: tests/lib/flash/decode.test.ts).
import type { LeanEngine } from '../engine/engine.ts';
import type { LanguageModel } from '../model.ts';
import { describeToken, drainTokens, type GeneratedToken, type TokenStream } from '../generate.ts';
import { argmax, tokenNll } from '../sampling.ts';
import type { TokenPiece } from '../tokenizer.ts';
import type { FlashFfn, TokenRecord } from './flash-ffn.ts';
import type { KVCache } from '../kv-cache.ts';

export interface FlashGeneration {
  promptIds: number[];
  ids: number[];
  text: string;
  /** steps[s]: the FFN work of the position whose output chose token s (for s = 0, the prompt's last token). */
  steps: TokenRecord[];
  /** The work of the prompt's other tokens, all processed in the first forward pass. */
  prompt: TokenRecord[];
}

/** A generated token with the FFN work of the position that chose it (for the first token: the prompt's last). */
export interface FlashToken extends GeneratedToken {
  record: TokenRecord;
}

/** Greedy decoding with the FFN read from flash, one token per next() (a TokenStream, lib/generate.ts). The first
 *  call runs the prompt. */
export class FlashDecoder implements TokenStream<FlashToken> {
  readonly promptIds: number[];
  private readonly model: LanguageModel;
  /** Text of each token, continuing the prompt's bytes (as Decoder's). */
  private readonly piece: (id: number) => TokenPiece;
  private readonly flash: FlashFfn;
  private readonly cache: KVCache | null;
  private readonly engine: LeanEngine | null;
  private pending: number | null = null;
  private made = 0;

  /** `engine`: run everything but the FFN on the lean engine (lib/engine, with `model`'s weights) instead of tfjs. */
  constructor(
    model: LanguageModel,
    flash: FlashFfn,
    prompt: string | number[],
    { engine }: { engine?: LeanEngine } = {},
  ) {
    const ids = typeof prompt === 'string' ? model.tokenizer.encode(prompt) : [...prompt];
    const T = model.config.blockSize;
    if (ids.length === 0) throw new Error('flash decoding: the prompt is empty');
    if (ids.length >= T)
      throw new Error(
        `flash decoding: the prompt has ${ids.length} tokens; this model's context is ${T}, so keep it under ${T} to leave room to generate`,
      );
    this.model = model;
    this.flash = flash;
    this.promptIds = ids;
    flash.reset();
    this.engine = engine ?? null;
    this.engine?.reset();
    this.cache = engine ? null : model.newCache();
    this.piece = model.tokenizer.pieceStream();
    for (const id of ids) this.piece(id);
  }

  /** Tokens that can still be generated before the context is full. */
  get remaining(): number {
    return this.model.config.blockSize - this.promptIds.length - this.made;
  }

  /** The next token and the FFN work of the position that chose it (for the first token: the prompt's last). */
  next(): FlashToken {
    if (this.remaining <= 0)
      throw new Error(`flash decoding: the context of ${this.model.config.blockSize} tokens is full`);
    const tokens = this.pending === null ? this.promptIds : [this.pending];
    const rows = this.engine
      ? this.engine.run(tokens, { ffnFn: this.flash.ffnFn })
      : this.model.forward([tokens], { cache: this.cache!, ffnFn: this.flash.ffnFn }).logits[0];
    const logits = rows[rows.length - 1];
    const id = argmax(logits);
    this.pending = id;
    this.made++;
    return {
      ...describeToken(this.model.tokenizer, id, logits, 5, this.piece(id)),
      record: this.flash.tokens[this.flash.tokens.length - 1],
    };
  }

  dispose(): void {
    this.cache?.dispose();
    this.engine?.reset();
  }
}

/** Greedy decoding with the FFN read from flash. Stops at maxNewTokens or when the context is full. */
export function flashGenerate(
  model: LanguageModel,
  flash: FlashFfn,
  prompt: string | number[],
  { maxNewTokens = 32, engine }: { maxNewTokens?: number; engine?: LeanEngine } = {},
): FlashGeneration {
  const dec = new FlashDecoder(model, flash, prompt, { engine });
  const tokens = drainTokens(dec, { maxNewTokens });
  const ids = tokens.map((t) => t.id);
  const P = dec.promptIds.length;
  return {
    promptIds: dec.promptIds,
    ids,
    text: model.tokenizer.decode(ids),
    prompt: flash.tokens.slice(0, P - 1),
    steps: tokens.map((t) => t.record),
  };
}

export interface FlashLoss {
  tokens: number;
  /** Mean next-token cross-entropy (nats/token) of the dense model and with the FFN from flash. */
  dense: number;
  flash: number;
  /** The FFN work of every position, window after window. */
  records: TokenRecord[];
}

/** Teacher-forced loss over `ids` in windows of the context, dense vs flash (the window state carries on within a
 *  window and restarts with each, as positions do). */
export function flashLoss(model: LanguageModel, flash: FlashFfn, ids: number[]): FlashLoss {
  const T = model.config.blockSize;
  if (ids.length < 2) throw new Error('flashLoss: need at least 2 tokens');
  let dense = 0,
    fl = 0,
    n = 0;
  const records: TokenRecord[] = [];
  for (let s = 0; s + 1 < ids.length; s += T) {
    const w = ids.slice(s, Math.min(s + T, ids.length - 1) + 1); // window plus its next token
    const x = w.slice(0, -1),
      y = w.slice(1);
    flash.reset();
    const a = model.forward([x]).logits[0],
      b = model.forward([x], { ffnFn: flash.ffnFn }).logits[0];
    for (let t = 0; t < x.length; t++) {
      dense += tokenNll(a[t], y[t]);
      fl += tokenNll(b[t], y[t]);
      n++;
    }
    records.push(...flash.tokens);
  }
  return { tokens: n, dense: dense / n, flash: fl / n, records };
}
