// Speculative decoding as a TokenStream (lib/generate.ts): next() yields one token at a time (tokens of a step are
// buffered), and speculativeGenerate() drains it with the same loop as generate(). Each step is also reported whole
// (tree, accepted path, tokens, target and draft time), for the lesson's widgets and the measurements.
import type { LanguageModel } from '../model.ts';
import {
  describeToken,
  drainTokens,
  type GenerateResult,
  type GeneratedToken,
  type PassWrapper,
  type TokenStream,
} from '../generate.ts';
import type { SamplingOptions } from '../sampling.ts';
import { TfjsRunner, type TreeRunner } from './runner.ts';
import { SpeculativeSession, type SpecStep } from './session.ts';
import { parseTreeShape, type TreeShape } from './tree-shape.ts';

export interface SpeculativeDecodeOptions extends SamplingOptions {
  /** The tree the draft grows each step: a TreeShape or its text ("1,1,3,1", "chain 4", "budget 16"). */
  tree: TreeShape | string;
  seed?: number;
  verifier?: 'mss' | 'naive';
  /** What to do with a prompt longer than the context: keep its end (as plain generate does) or throw. */
  longPrompt?: 'truncate' | 'error';
  topAlternatives?: number;
  now?: () => number;
  /** Runs the target's pass over the prompt inside this wrapper (SpeculativeOptions), to time it apart. */
  aroundPromptPass?: PassWrapper;
  /** What runs the target: default its tfjs forward; or another TreeRunner with the target's weights (the lean
   *  engine, or lesson 8's stored-weights runner), which the decoder disposes with its session. */
  targetRunner?: TreeRunner;
}

export interface SpeculativeGenerateOptions extends SpeculativeDecodeOptions {
  maxNewTokens?: number;
  /** Called after each new token, which is kept; return false to stop there. */
  onToken?: (t: SpecToken) => boolean | void;
}

/** A token with the step that emitted it (every token of a step holds the same object). */
export interface SpecToken extends GeneratedToken {
  record: SpecStep;
}

export interface SpeculativeGenerateResult extends GenerateResult {
  steps: SpecStep[];
  /** Target forward passes (one per step). */
  targetPasses: number;
  /** New tokens per target pass (tokens actually returned, so the last step may count short). */
  tokensPerPass: number;
  targetMs: number;
  draftMs: number;
}

export class SpeculativeDecoder implements TokenStream<SpecToken> {
  readonly promptIds: number[];
  readonly promptTruncated: boolean;
  readonly session: SpeculativeSession;
  private readonly target: LanguageModel;
  private readonly opts: SpeculativeDecodeOptions;
  private buffer: SpecToken[] = [];

  /** `draft` is a model (run through tfjs) or any TreeRunner for it, e.g. the plain-JS LeanRunner. */
  constructor(
    target: LanguageModel,
    draft: LanguageModel | TreeRunner,
    prompt: string | number[],
    opts: SpeculativeDecodeOptions,
  ) {
    this.target = target;
    this.opts = opts;
    const shape = typeof opts.tree === 'string' ? parseTreeShape(opts.tree) : opts.tree;
    const draftCfg = isRunner(draft) ? (draft as { config?: LanguageModel['config'] }).config : draft.config;
    const draftBlock = draftCfg?.blockSize ?? target.config.blockSize;
    if (draftCfg && draftCfg.vocabSize !== target.config.vocabSize)
      throw new Error(
        `speculative decoding: the draft has ${draftCfg.vocabSize} tokens, the target ${target.config.vocabSize}; they must share a tokenizer`,
      );
    const blockSize = Math.min(target.config.blockSize, draftBlock);
    this.promptIds = typeof prompt === 'string' ? target.tokenizer.encode(prompt) : [...prompt];
    if (this.promptIds.length === 0) throw new Error('speculative decoding: the prompt is empty');
    this.promptTruncated = this.promptIds.length > blockSize;
    if (this.promptTruncated && opts.longPrompt === 'error')
      throw new Error(
        `speculative decoding: the prompt is ${this.promptIds.length} tokens, longer than the context of ${blockSize}`,
      );
    const draftRunner = isRunner(draft) ? draft : new TfjsRunner(draft);
    this.session = new SpeculativeSession(
      opts.targetRunner ?? new TfjsRunner(target),
      draftRunner,
      this.promptIds.slice(-blockSize),
      {
        ...opts,
        shape,
        blockSize,
      },
    );
  }

  /** One speculative step; its tokens are also what the next calls of next() return. */
  step(): SpecStep & { tokens: GeneratedToken[] } {
    const s = this.session.step();
    const tokens = s.emitted.map((id, i) =>
      describeToken(this.target.tokenizer, id, s.logits[i], this.opts.topAlternatives),
    );
    return { ...s, tokens };
  }

  /** The next token (runs a step when the buffer is empty). */
  next(): SpecToken {
    if (this.buffer.length === 0) {
      const { tokens, ...record } = this.step();
      this.buffer = tokens.map((t) => ({ ...t, record }));
    }
    return this.buffer.shift()!;
  }

  dispose(): void {
    this.session.dispose();
  }
}

const isRunner = (d: LanguageModel | TreeRunner): d is TreeRunner => typeof (d as TreeRunner).run === 'function';

/** Speculative decoding of up to maxNewTokens tokens (default 64), reporting every step. */
export function speculativeGenerate(
  target: LanguageModel,
  draft: LanguageModel | TreeRunner,
  prompt: string | number[],
  opts: SpeculativeGenerateOptions,
): SpeculativeGenerateResult {
  const decoder = new SpeculativeDecoder(target, draft, prompt, opts);
  const steps: SpecStep[] = [];
  const tokens = drainTokens(decoder, {
    maxNewTokens: opts.maxNewTokens ?? 64,
    onToken: (t) => {
      if (steps.at(-1) !== t.record) steps.push(t.record);
      return opts.onToken?.(t);
    },
  });
  const ids = tokens.map((t) => t.id);
  const sum = (f: (s: SpecStep) => number) => steps.reduce((a, s) => a + f(s), 0);
  return {
    promptIds: decoder.promptIds,
    ids,
    text: target.tokenizer.decode(ids),
    tokens,
    promptTruncated: decoder.promptTruncated,
    steps,
    targetPasses: steps.length,
    tokensPerPass: ids.length / Math.max(1, steps.length),
    targetMs: sum((s) => s.targetMs),
    draftMs: sum((s) => s.draftMs),
  };
}
