// Keys and values of the tokens a model has already seen, so a new token costs one position of work, not T.
import * as tf from '@tensorflow/tfjs';
import type { PastKV } from './gpt.ts';

export class KVCache {
  private past: PastKV | null = null;

  /** Tokens held per sequence. */
  get length(): number {
    return this.past?.k[0]?.shape[2] ?? 0;
  }

  /** @internal The tensors for forwardTensors. */
  get tensors(): PastKV | undefined {
    return this.past ?? undefined;
  }

  /** @internal Takes ownership of `next` (already kept) and frees what it replaces. */
  replace(next: PastKV): void {
    const old = this.past;
    this.past = next;
    if (old) tf.dispose([...old.k, ...old.v]);
  }

  /** Keeps only the first `n` positions (e.g. the accepted prefix after speculative verification). */
  truncate(n: number): void {
    if (!this.past || n >= this.length) return;
    if (n <= 0) {
      this.dispose();
      return;
    }
    const cut = (t: tf.Tensor4D) => tf.keep(t.slice([0, 0, 0, 0], [-1, -1, n, -1]));
    this.replace({ k: this.past.k.map(cut), v: this.past.v.map(cut) });
  }

  /** Keeps only the given positions, in that order (e.g. an accepted path scattered through a token tree). */
  keep(positions: number[]): void {
    if (!this.past) {
      if (positions.length > 0) throw new Error('KVCache.keep: the cache is empty');
      return;
    }
    const n = this.length;
    for (const p of positions)
      if (!(Number.isInteger(p) && p >= 0 && p < n))
        throw new Error(`KVCache.keep: position ${p} is outside 0..${n - 1}`);
    if (positions.length === 0) {
      this.dispose();
      return;
    }
    if (positions.length === n && positions.every((p, i) => p === i)) return;
    // Contiguous runs, each one slice: tfjs's gather is many times slower than slice on the wasm backend, and an
    // accepted path laid out depth-first is usually one run after the prefix.
    const runs: [number, number][] = [];
    for (const p of positions) {
      const last = runs[runs.length - 1];
      if (last && p === last[0] + last[1]) last[1]++;
      else runs.push([p, 1]);
    }
    const pick = (t: tf.Tensor4D) =>
      tf.keep(
        tf.tidy(() => {
          // [B, nHead, kept, headSize]
          const parts = runs.map(([start, len]) => t.slice([0, 0, start, 0], [-1, -1, len, -1]));
          return parts.length === 1 ? parts[0] : tf.concat(parts, 2);
        }) as tf.Tensor4D,
      );
    this.replace({ k: this.past.k.map(pick), v: this.past.v.map(pick) });
  }

  dispose(): void {
    if (this.past) tf.dispose([...this.past.k, ...this.past.v]);
    this.past = null;
  }
}
