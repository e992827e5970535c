// Speculative decoding with the streaming interface of lib/generate.ts: next() yields one token at a time (tokens of
// a step are buffered), generate-style speculativeGenerate() runs to the end. Each step is also reported whole
// (tree, accepted path, tokens, target and draft time), for the lesson's widgets and the measurements.
import type { LanguageModel } from '../model.ts';
import { describeToken, type GenerateResult, type GeneratedToken } from '../generate.ts';
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
}

export interface SpeculativeGenerateOptions extends SpeculativeDecodeOptions {
  maxNewTokens?: number;
  onToken?: (t: GeneratedToken) => boolean | void;
  onStep?: (s: SpecStep) => boolean | void;
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

export class SpeculativeDecoder {
  readonly promptIds: number[];
  readonly promptTruncated: boolean;
  readonly session: SpeculativeSession;
  private readonly target: LanguageModel;
  private readonly opts: SpeculativeDecodeOptions;
  private buffer: GeneratedToken[] = [];

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
    this.session = new SpeculativeSession(new TfjsRunner(target), draftRunner, this.promptIds.slice(-blockSize), {
      ...opts,
      shape,
      blockSize,
    });
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
  next(): GeneratedToken {
    if (this.buffer.length === 0) this.buffer = this.step().tokens;
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
  const max = opts.maxNewTokens ?? 64;
  const tokens: GeneratedToken[] = [];
  const steps: SpecStep[] = [];
  try {
    run: while (tokens.length < max) {
      const step = decoder.step();
      const { tokens: stepTokens, ...report } = step;
      steps.push(report);
      if (opts.onStep?.(report) === false) {
        tokens.push(...stepTokens.slice(0, max - tokens.length));
        break;
      }
      for (const t of stepTokens) {
        if (tokens.length >= max) break run;
        tokens.push(t);
        if (opts.onToken?.(t) === false) break run;
      }
    }
  } finally {
    decoder.dispose();
  }
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
