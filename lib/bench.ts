// Decode speed of a model, measured the same way in Node (npm run bench) and in the browser's worker:
// prefill of a full context, then greedy decoding from half the context to all of it, with the KV cache and
// by re-running the whole context for every token. Medians of a few runs; `now` is the clock to use.
import { argmax } from './sampling.ts';
import { median } from './stats.ts';
import type { LanguageModel } from './model.ts';

export const CONTEXT = 128;
const PROMPT =
  'Call me Ishmael. Some years ago—never mind how long precisely—having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world. It is a way I have of driving off the spleen and regulating the circulation.';

export interface DecodeBench {
  prefillTokensPerSec: number;
  cachedTokensPerSec: number;
  uncachedTokensPerSec: number;
  speedup: number;
}

/** Prefill of a full context; then decoding from context 64 to 128, with the KV cache and by full re-forward. */
export function benchDecode(model: LanguageModel, now: () => number = () => performance.now()): DecodeBench {
  const ids = model.tokenizer.encode(PROMPT.repeat(3)).slice(0, CONTEXT);
  model.forward([ids.slice(0, 8)]); // warm-up: compile kernels, allocate
  const prefill = median(
    [0, 1, 2].map(() => {
      const t = now();
      model.forward([ids]);
      return now() - t;
    }),
  );
  const half = CONTEXT / 2;

  const cache = model.newCache();
  let logits = model.forward([ids.slice(0, half)], { cache }).logits[0][half - 1];
  let t = now();
  for (let i = half; i < CONTEXT; i++) logits = model.forward([[argmax(logits)]], { cache }).logits[0][0];
  const cached = now() - t;
  cache.dispose();

  const context = ids.slice(0, half);
  t = now();
  for (let i = half; i < CONTEXT; i++) {
    const rows = model.forward([context]).logits[0];
    context.push(argmax(rows[rows.length - 1]));
  }
  const uncached = now() - t;
  const steps = CONTEXT - half;
  return {
    prefillTokensPerSec: (CONTEXT / prefill) * 1000,
    cachedTokensPerSec: (steps / cached) * 1000,
    uncachedTokensPerSec: (steps / uncached) * 1000,
    speedup: uncached / cached,
  };
}
