// Running a model over a long token sequence: cut it into non-overlapping windows of the model's context
// (blockSize tokens) and run each with the FFN recorded. The profiler and the predictor's data collection read these.
// Full windows go through the model a few at a time as one batch; a last, shorter window runs alone.
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

/** Calls `fn` once per window of `ids`, in order of position; `batch` full windows share one forward call. */
export function forEachWindow(
  model: LanguageModel,
  ids: number[],
  fn: (w: WindowRecord) => void,
  { batch = 4 } = {},
): void {
  const { blockSize: T, nEmbd: C, nFfn: F } = model.config;
  const starts = windowStarts(ids.length, T);
  const full = starts.filter((s) => s + T <= ids.length);
  for (let i = 0; i < full.length; i += batch) {
    const group = full.slice(i, i + batch);
    const out = model.forward(
      group.map((s) => ids.slice(s, s + T)),
      { record: { ffn: true } },
    );
    group.forEach((start, b) =>
      fn({
        start,
        length: T,
        ffnIn: out.ffnIn!.map((a) => a.subarray(b * T * C, (b + 1) * T * C)), // [T*C]
        ffnPost: out.ffnPost!.map((a) => a.subarray(b * T * F, (b + 1) * T * F)), // [T*F]
      }),
    );
  }
  const last = starts[starts.length - 1];
  if (last !== undefined && last + T > ids.length) {
    const out = model.forward([ids.slice(last)], { record: { ffn: true } });
    fn({ start: last, length: ids.length - last, ffnIn: out.ffnIn!, ffnPost: out.ffnPost! });
  }
}
