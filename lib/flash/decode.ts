// Running the model with its FFN served from flash (flash-ffn.ts): greedy generation with a KV cache, and a
// teacher-forced pass over a text to price the predictor's mistakes in loss. Attention runs in tfjs as usual.
import type { LanguageModel } from '../model.ts';
import { argmax } from '../sampling.ts';
import type { FlashFfn, TokenRecord } from './flash-ffn.ts';

export interface FlashGeneration {
  promptIds: number[];
  ids: number[];
  text: string;
  /** steps[s]: the FFN work of the position whose output chose token s (for s = 0, the prompt's last token). */
  steps: TokenRecord[];
  /** The work of the prompt's other tokens, all processed in the first forward pass. */
  prompt: TokenRecord[];
}

/** Greedy decoding with the FFN read from flash. Stops at maxNewTokens or when the context is full. */
export function flashGenerate(model: LanguageModel, flash: FlashFfn, prompt: string | number[], { maxNewTokens = 32, onToken }: { maxNewTokens?: number; onToken?: (id: number, rec: TokenRecord) => boolean | void } = {}): FlashGeneration {
  const promptIds = typeof prompt === 'string' ? model.tokenizer.encode(prompt) : [...prompt];
  const T = model.config.blockSize;
  if (promptIds.length === 0) throw new Error('flashGenerate: the prompt is empty');
  if (promptIds.length >= T) throw new Error(`flashGenerate: the prompt has ${promptIds.length} tokens; this model's context is ${T}, so keep it under ${T} to leave room to generate`);
  if (!(Number.isInteger(maxNewTokens) && maxNewTokens >= 0)) throw new Error(`flashGenerate: maxNewTokens must be a whole number, got ${maxNewTokens}`);
  flash.reset();
  const cache = model.newCache();
  const ids: number[] = [];
  try {
    let logits = model.forward([promptIds], { cache, ffnFn: flash.ffnFn }).logits[0];
    const n = Math.min(maxNewTokens, T - promptIds.length);
    for (let s = 0; s < n; s++) {
      const id = argmax(logits[logits.length - 1]);
      ids.push(id);
      if (s + 1 < n) logits = model.forward([[id]], { cache, ffnFn: flash.ffnFn }).logits[0];
      if (onToken?.(id, flash.tokens[promptIds.length - 1 + s]) === false) break;
    }
  } finally {
    cache.dispose();
  }
  const P = promptIds.length;
  return { promptIds, ids, text: model.tokenizer.decode(ids), prompt: flash.tokens.slice(0, P - 1), steps: flash.tokens.slice(P - 1, P - 1 + ids.length) };
}

export interface FlashLoss {
  tokens: number;
  /** Mean next-token cross-entropy (nats/token) of the dense model and with the FFN from flash. */
  dense: number;
  flash: number;
}

/** Teacher-forced loss over `ids` in windows of the context, dense vs flash (the window state carries on within a
 *  window and restarts with each, as positions do). */
export function flashLoss(model: LanguageModel, flash: FlashFfn, ids: number[]): FlashLoss {
  const T = model.config.blockSize;
  if (ids.length < 2) throw new Error('flashLoss: need at least 2 tokens');
  let dense = 0, fl = 0, n = 0;
  for (let s = 0; s + 1 < ids.length; s += T) {
    const w = ids.slice(s, Math.min(s + T, ids.length - 1) + 1); // window plus its next token
    const x = w.slice(0, -1), y = w.slice(1);
    flash.reset();
    const a = model.forward([x]).logits[0], b = model.forward([x], { ffnFn: flash.ffnFn }).logits[0];
    for (let t = 0; t < x.length; t++) { dense += nll(a[t], y[t]); fl += nll(b[t], y[t]); n++; }
  }
  return { tokens: n, dense: dense / n, flash: fl / n };
}

function nll(logits: Float32Array, target: number): number {
  let m = -Infinity;
  for (const v of logits) m = Math.max(m, v);
  let z = 0;
  for (const v of logits) z += Math.exp(v - m);
  return Math.log(z) + m - logits[target];
}
