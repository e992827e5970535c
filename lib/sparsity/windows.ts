// Running a model over a long token sequence: cut it into non-overlapping windows of the model's context
// (blockSize tokens) and run each with the FFN recorded. The profiler and the predictor's data collection read these.
import { leanEngine } from '../engine/index.ts';
import type { LanguageModel } from '../model.ts';

export interface WindowRecord {
  /** Index of this window's first token in the whole sequence. */
  start: number;
  /** Tokens in this window (≤ blockSize). */
  length: number;
  /** Per layer, the FFN input (after LayerNorm) [length*nEmbd] row-major. */
  ffnIn: Float32Array[];
  /** Per layer, the ReLU output [length*nFfn] row-major. */
  ffnPost: Float32Array[];
}

/** Token ids from text or ids, capped at maxTokens; throws a clear error when there are too few to measure. */
export function toIds(
  model: LanguageModel,
  text: string | number[],
  maxTokens: number,
  who: string,
  minTokens = 1,
): number[] {
  const ids = (typeof text === 'string' ? model.tokenizer.encode(text) : text).slice(0, maxTokens);
  if (ids.length < minTokens)
    throw new Error(`${who}: need at least ${minTokens} token${minTokens > 1 ? 's' : ''} of text, got ${ids.length}`);
  return ids;
}

/** Window start positions for a sequence of n tokens: 0, T, 2T, … */
export function windowStarts(n: number, T: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s < n; s += T) starts.push(s);
  return starts;
}

/**
 * Calls `fn` once per window of `ids`, in order of position, each window run on the lean engine (lib/engine) with a
 * fresh cache, so positions restart at 0 as in evaluate(). The engine's dense FFN reports its input and ReLU output
 * (onFfn): a 1,024-token profile takes a tenth of the time tfjs's recorded forward did, and a page's worker and the
 * build record the same activations (the same kernels in the browser and in Node).
 */
export function forEachWindow(model: LanguageModel, ids: number[], fn: (w: WindowRecord) => void): void {
  const { blockSize: T, nLayer } = model.config;
  const engine = leanEngine(model);
  for (const start of windowStarts(ids.length, T)) {
    const window = ids.slice(start, start + T);
    const ffnIn: Float32Array[] = new Array(nLayer);
    const ffnPost: Float32Array[] = new Array(nLayer);
    engine.reset();
    engine.run(window, {
      onFfn: (l, input, post) => {
        ffnIn[l] = input;
        ffnPost[l] = post;
      },
    });
    fn({ start, length: window.length, ffnIn, ffnPost });
  }
}
