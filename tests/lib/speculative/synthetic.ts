// Test helpers for speculative decoding without tfjs: a "model" whose logits are a fixed random function of the
// token sequence it can see (read from the attention mask, so tree masks are honoured), and a Chance that walks
// through every possible outcome of the random choices with its exact probability.
import { mulberry32, randn } from '../../../lib/random.ts';
import type { Chance } from '../../../lib/speculative/chance.ts';
import type { RunOptions, TreeRunner } from '../../../lib/speculative/runner.ts';

/** Logits over `vocab` tokens after `seq`: standard normals times `scale`, seeded by the sequence. */
export function syntheticLogits(seq: number[], vocab: number, seed: number, scale = 1.5): Float32Array {
  let h = 2166136261 ^ seed;
  for (const t of seq) h = Math.imul(h ^ (t + 1), 16777619); // FNV-1a over the tokens
  const rng = mulberry32(h >>> 0);
  return Float32Array.from({ length: vocab }, () => scale * randn(rng));
}

/** A TreeRunner whose logits are logitsOf(visible tokens in cache order). */
export class SyntheticRunner implements TreeRunner {
  private cache: number[] = [];
  readonly calls: number[][] = [];
  private readonly logitsOf: (seq: number[]) => Float32Array;
  constructor(logitsOf: (seq: number[]) => Float32Array) {
    this.logitsOf = logitsOf;
  }
  get length() {
    return this.cache.length;
  }
  run(tokens: number[], opts: RunOptions = {}): Float32Array[] {
    const P = this.cache.length;
    const all = [...this.cache, ...tokens];
    this.calls.push(tokens);
    const rows = tokens.map((_, i) => {
      const row = opts.mask?.[i];
      const seq = all.filter((_, j) => (row ? row[j] > 0 : j <= P + i));
      return this.logitsOf(seq);
    });
    this.cache = all;
    return rows;
  }
  keep(positions: number[]) {
    this.cache = positions.map((p) => this.cache[p]);
  }
  reset() {
    this.cache = [];
  }
  dispose() {
    this.cache = [];
  }
  cacheValues() {
    return { k: [], v: [] };
  }
  /** The tokens the cache holds (to compare with the decoded sequence). */
  get tokens(): number[] {
    return [...this.cache];
  }
}

function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, k) => [...p.slice(0, k), n - 1, ...p.slice(k)]),
  );
}

/**
 * Runs f once for every combination of outcomes of its random choices, with that combination's probability
 * (outcomes of probability 0 are skipped). The probabilities of all runs sum to 1.
 */
export function enumerateOutcomes<T>(f: (chance: Chance) => T): { value: T; p: number }[] {
  const results: { value: T; p: number }[] = [];
  let script: number[] = [];
  for (;;) {
    const taken: { at: number; options: number }[] = [];
    let p = 1;
    const pick = (weights: ArrayLike<number>): number => {
      const options: number[] = [];
      for (let i = 0; i < weights.length; i++) if (weights[i] > 0) options.push(i);
      const k = taken.length < script.length ? script[taken.length] : 0;
      taken.push({ at: k, options: options.length });
      p *= weights[options[k]];
      return options[k];
    };
    const chance: Chance = {
      bernoulli: (q) => pick([q, 1 - q]) === 0,
      categorical: (dist) => pick(dist),
      permutation: (n) => {
        const all = permutations(n);
        return all[pick(all.map(() => 1 / all.length))];
      },
    };
    results.push({ value: f(chance), p });
    // Odometer: advance the last choice that has options left, drop the ones after it.
    let i = taken.length - 1;
    while (i >= 0 && taken[i].at + 1 >= taken[i].options) i--;
    if (i < 0) return results;
    script = [...taken.slice(0, i).map((t) => t.at), taken[i].at + 1];
  }
}
