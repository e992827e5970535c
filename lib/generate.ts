// Text generation with a KV cache: one forward over the prompt (prefill), then one position per new token (decode).
// When the context fills up, the window slides: the cache is rebuilt from the last half of the context.
import type { LanguageModel } from './model.ts';
import type { KVCache } from './kv-cache.ts';
import { mulberry32 } from './random.ts';
import { argmax, sampleFrom, samplingDistribution, softmax, topEntries, type SamplingOptions } from './sampling.ts';

export interface GenerateOptions extends SamplingOptions {
  maxNewTokens?: number;
  seed?: number;
  /** Re-run the whole context for every token instead of using the KV cache (for comparison only). */
  noCache?: boolean;
  /** How many alternatives to report per step (their probabilities at temperature 1). */
  topAlternatives?: number;
  /** Called after each new token; return false to stop. */
  onToken?: (step: GeneratedToken) => boolean | void;
}

export interface GeneratedToken {
  id: number;
  text: string;
  /** Probability of the chosen token under the model (temperature 1). */
  p: number;
  /** The most likely next tokens at this step. */
  alternatives: { id: number; text: string; p: number }[];
}

export interface GenerateResult {
  promptIds: number[];
  ids: number[];
  text: string;
  tokens: GeneratedToken[];
  /** True if the prompt was longer than the context and only its end was used. */
  promptTruncated: boolean;
}

export function generate(model: LanguageModel, prompt: string | number[], opts: GenerateOptions = {}): GenerateResult {
  const { maxNewTokens = 64, seed = 1, noCache = false, topAlternatives = 5 } = opts;
  const tok = model.tokenizer;
  const block = model.config.blockSize;
  const promptIds = typeof prompt === 'string' ? tok.encode(prompt) : [...prompt];
  if (promptIds.length === 0) throw new Error('generate: the prompt is empty');
  const rng = mulberry32(seed);
  const context = promptIds.slice(-block);
  const promptTruncated = context.length < promptIds.length;
  const ids: number[] = [];
  const tokens: GeneratedToken[] = [];
  const cache = noCache ? null : model.newCache();
  try {
    let logits = lastLogits(model, context, cache);
    for (let step = 0; step < maxNewTokens; step++) {
      const dist = samplingDistribution(logits, opts);
      const id = (opts.temperature ?? 1) <= 0 ? argmax(logits) : sampleFrom(dist, rng);
      const p1 = softmax(logits);
      const t: GeneratedToken = {
        id, text: tok.tokenText(id), p: p1[id],
        alternatives: topEntries(p1, topAlternatives).map((e) => ({ id: e.index, text: tok.tokenText(e.index), p: e.p })),
      };
      ids.push(id);
      tokens.push(t);
      context.push(id);
      if (opts.onToken?.(t) === false || step === maxNewTokens - 1) break;
      if (cache && cache.length >= block) {
        // Slide: keep the last half of the context and rebuild the cache from it (positions restart at 0).
        context.splice(0, context.length - Math.floor(block / 2));
        cache.dispose();
        logits = lastLogits(model, context, cache);
      } else if (cache) {
        logits = model.forward([[id]], { cache }).logits[0][0];
      } else {
        if (context.length > block) context.splice(0, context.length - block);
        logits = lastLogits(model, context, null);
      }
    }
  } finally {
    cache?.dispose();
  }
  return { promptIds, ids, text: tok.decode(ids), tokens, promptTruncated };
}

function lastLogits(model: LanguageModel, context: number[], cache: KVCache | null): Float32Array {
  const out = model.forward([context], cache ? { cache } : {}).logits[0];
  return out[out.length - 1].slice();
}
