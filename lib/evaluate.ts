// How well a model predicts a text: mean cross-entropy in nats per token, perplexity, and bits per byte
// (comparable across tokenizers). The text is cut into non-overlapping windows of the model's context.
import type { LanguageModel, ForwardOptions } from './model.ts';

export interface LossEvaluation {
  /** Mean negative log-likelihood, nats per predicted token. */
  loss: number;
  perplexity: number;
  bitsPerByte: number;
  tokens: number;
  /** Each predicted token's negative log-likelihood, in order (only with `perToken: true`): for paired comparisons. */
  tokenLosses?: Float64Array;
}

export function evaluate(
  model: LanguageModel,
  text: string | number[],
  { maxTokens = 8192, forward = {} as Omit<ForwardOptions, 'cache'>, perToken = false } = {},
): LossEvaluation {
  const ids = (typeof text === 'string' ? model.tokenizer.encode(text) : text).slice(0, maxTokens);
  if (ids.length < 2) throw new Error('evaluate: need at least two tokens of text');
  const T = model.config.blockSize;
  let nll = 0,
    count = 0;
  const tokenLosses = perToken ? new Float64Array(ids.length - 1) : undefined;
  for (let start = 0; start + 1 < ids.length; start += T) {
    const window = ids.slice(start, Math.min(start + T + 1, ids.length));
    const logits = model.forward([window.slice(0, -1)], forward).logits[0];
    for (let t = 0; t < logits.length; t++) {
      const row = logits[t];
      let max = -Infinity;
      for (const v of row) max = Math.max(max, v);
      let sum = 0;
      for (const v of row) sum += Math.exp(v - max);
      const l = max + Math.log(sum) - row[window[t + 1]];
      nll += l;
      if (tokenLosses) tokenLosses[count] = l;
      count++;
    }
  }
  const loss = nll / count;
  const bytes = model.tokenizer.bytes(ids.slice(1, count + 1)).length;
  return { loss, perplexity: Math.exp(loss), bitsPerByte: nll / Math.LN2 / bytes, tokens: count, tokenLosses };
}
