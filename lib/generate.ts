// Text generation with a KV cache: one forward over the prompt (prefill), then one position per new token (decode).
// When the context fills up, the window slides: the cache is rebuilt from the last half of the context.
// Every decoder in lib is a TokenStream (this Decoder, speculative's SpeculativeDecoder, flash's FlashDecoder,
// capstone's CapstoneDecoder, offload's ZigzagStream): one token per next(), dispose() to free its caches;
// drainTokens() is the one loop that runs a stream to its end, which generate(), speculativeGenerate(),
// flashGenerate(), capstoneGenerate() and runZigzag() share.
import type { LanguageModel } from './model.ts';
import type { KVCache } from './kv-cache.ts';
import { mulberry32 } from './random.ts';
import type { Tokenizer, TokenPiece } from './tokenizer.ts';
import { argmax, sampleFrom, samplingDistribution, softmax, topEntries, type SamplingOptions } from './sampling.ts';

export interface DecodeOptions extends SamplingOptions {
  seed?: number;
  /** Re-run the whole context for every token instead of using the KV cache (for comparison only). */
  noCache?: boolean;
  /** How many alternatives to report per step (their probabilities at temperature 1). */
  topAlternatives?: number;
  /** What runs the model: default its tfjs forward; or a runner with its own cache, such as the lean engine
   *  (`leanEngine(model)` from lib/engine), which gives the same tokens (tests/lib/engine/generate-engine.test.ts). */
  runner?: DecodeRunner;
  /** Runs the pass over the prompt (the first pass, whose last row gives the first token) inside this wrapper, so a
   *  caller can time it apart from the decode steps (lesson 8's races). */
  aroundPromptPass?: PassWrapper;
}

/** Runs a forward pass and returns what it returns (to time it, for example). */
export type PassWrapper = <T>(pass: () => T) => T;

/** A model with its own KV cache that runs new tokens after the cached ones (lib/engine's LeanEngine is one). */
export interface DecodeRunner {
  readonly length: number;
  run(tokens: number[]): Float32Array[];
  reset(): void;
}

export interface GenerateOptions extends DecodeOptions {
  maxNewTokens?: number;
  /** Called after each new token; return false to stop. */
  onToken?: (step: GeneratedToken) => boolean | void;
}

export interface GeneratedToken {
  id: number;
  /** The token's text after the ones before it (Tokenizer.pieceStream): a character split over tokens shows whole. */
  text: string;
  /** True when the token holds only the first bytes of a character (`text` shows them in hex). */
  partial?: boolean;
  /** Probability of the chosen token under the model (temperature 1). */
  p: number;
  /** The most likely next tokens at this step. */
  alternatives: { id: number; text: string; p: number }[];
}

/**
 * A chosen token as every decoder reports it: its probability and the most likely alternatives under `logits` (at
 * temperature 1), and its text (`piece`, from Tokenizer.pieceStream, or the token's own text).
 */
export function describeToken(
  tokenizer: Tokenizer,
  id: number,
  logits: Float32Array,
  topAlternatives = 5,
  piece: Pick<TokenPiece, 'text'> & Partial<TokenPiece> = { text: tokenizer.tokenText(id) },
): GeneratedToken {
  const p1 = softmax(logits);
  return {
    id,
    text: piece.text,
    ...(piece.partial ? { partial: true } : {}),
    p: p1[id],
    alternatives: topEntries(p1, topAlternatives).map((e) => ({
      id: e.index,
      text: tokenizer.tokenText(e.index),
      p: e.p,
    })),
  };
}

/** A decoder seen from outside: the prompt it continues and one token per next(). `T` adds the decoder's own
 *  record of the step to each token (flash: the FFN reads that made it; speculative: the step that emitted it). */
export interface TokenStream<T extends GeneratedToken = GeneratedToken> {
  readonly promptIds: number[];
  /** Tokens it can still give (absent: no limit; flash decoding stops when its context is full). */
  readonly remaining?: number;
  next(): T;
  /** Frees the stream's caches; call once, when done with it. */
  dispose(): void;
}

export interface DrainOptions<T extends GeneratedToken> {
  maxNewTokens: number;
  /** Called after each new token, which is kept; return false to stop there. */
  onToken?: (token: T) => boolean | void;
}

/** Takes tokens from `stream` until maxNewTokens, onToken returning false, or the stream's end (`remaining`), then
 *  disposes the stream, once, whatever happened (an error in next() or onToken is passed on after it). */
export function drainTokens<T extends GeneratedToken>(stream: TokenStream<T>, opts: DrainOptions<T>): T[] {
  const tokens: T[] = [];
  try {
    if (!(Number.isInteger(opts.maxNewTokens) && opts.maxNewTokens >= 0))
      throw new Error(`maxNewTokens must be a whole number of at least 0, got ${opts.maxNewTokens}`);
    while (tokens.length < opts.maxNewTokens && (stream.remaining ?? 1) > 0) {
      const token = stream.next();
      tokens.push(token);
      if (opts.onToken?.(token) === false) break;
    }
  } finally {
    stream.dispose();
  }
  return tokens;
}

export interface GenerateResult {
  promptIds: number[];
  ids: number[];
  text: string;
  tokens: GeneratedToken[];
  /** True if the prompt was longer than the context and only its end was used. */
  promptTruncated: boolean;
}

export class Decoder implements TokenStream {
  readonly promptIds: number[];
  /** True if the prompt was longer than the context and only its end was used. */
  readonly promptTruncated: boolean;
  private readonly context: number[];
  private readonly cache: KVCache | null;
  private readonly runner: DecodeRunner | null;
  private readonly rng: () => number;
  private logits: Float32Array | null = null;
  /** The last chosen token, not yet run through the model. */
  private pending: number | null = null;
  private readonly model: LanguageModel;
  private readonly opts: DecodeOptions;
  /** Text of each chosen token, continuing the prompt's bytes (so a character spanning tokens is never U+FFFD). */
  private readonly piece: (id: number) => TokenPiece;

  // Plain fields, not TypeScript parameter properties: Node runs this file with type stripping only.
  constructor(model: LanguageModel, prompt: string | number[], opts: DecodeOptions = {}) {
    this.model = model;
    this.opts = opts;
    this.promptIds = typeof prompt === 'string' ? model.tokenizer.encode(prompt) : [...prompt];
    if (this.promptIds.length === 0) throw new Error('generate: the prompt is empty');
    this.context = this.promptIds.slice(-model.config.blockSize);
    this.promptTruncated = this.context.length < this.promptIds.length;
    this.runner = opts.runner ?? null;
    this.runner?.reset();
    this.cache = opts.noCache || this.runner ? null : model.newCache();
    this.rng = mulberry32(opts.seed ?? 1);
    this.piece = model.tokenizer.pieceStream();
    for (const id of this.promptIds) this.piece(id);
  }

  /** Chooses the next token and advances the model past it. */
  next(): GeneratedToken {
    const tok = this.model.tokenizer;
    const logits = this.logits ?? this.nextLogits();
    const temperature = this.opts.temperature ?? 1;
    const id = temperature <= 0 ? argmax(logits) : sampleFrom(samplingDistribution(logits, this.opts), this.rng);
    const token = describeToken(tok, id, logits, this.opts.topAlternatives, this.piece(id));
    this.context.push(id);
    this.logits = null; // computed lazily, so the last token of a run costs no forward pass
    this.pending = id;
    return token;
  }

  dispose(): void {
    this.cache?.dispose();
  }

  private nextLogits(): Float32Array {
    const block = this.model.config.blockSize;
    const useCache = !this.opts.noCache;
    const cached = this.runner ? this.runner.length : (this.cache?.length ?? 0);
    if (this.pending !== null && useCache && cached < block) {
      this.logits = this.runner
        ? this.runner.run([this.pending])[0]
        : this.model.forward([[this.pending]], { cache: this.cache! }).logits[0][0].slice();
    } else {
      // First call, no cache, or a full cache: run the (possibly slid) context from scratch.
      if (this.pending !== null && useCache) this.context.splice(0, this.context.length - Math.floor(block / 2));
      if (this.context.length > block) this.context.splice(0, this.context.length - block);
      this.cache?.dispose();
      this.runner?.reset();
      const pass = () =>
        this.runner
          ? this.runner.run(this.context)
          : this.model.forward([this.context], this.cache ? { cache: this.cache } : {}).logits[0];
      const around = this.pending === null ? this.opts.aroundPromptPass : undefined; // the prompt's pass only
      const rows = around ? around(pass) : pass();
      this.logits = rows[rows.length - 1].slice();
    }
    this.pending = null;
    return this.logits;
  }
}

export function generate(model: LanguageModel, prompt: string | number[], opts: GenerateOptions = {}): GenerateResult {
  const decoder = new Decoder(model, prompt, opts);
  const tokens = drainTokens(decoder, { maxNewTokens: opts.maxNewTokens ?? 64, onToken: opts.onToken });
  const ids = tokens.map((t) => t.id);
  return {
    promptIds: decoder.promptIds,
    ids,
    text: model.tokenizer.decode(ids),
    tokens,
    promptTruncated: decoder.promptTruncated,
  };
}
