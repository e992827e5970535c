// The random choices speculative sampling makes, behind one small interface, so the same code can run seeded
// (lib/random.ts) or be driven through every possible outcome with its exact probability (the tests enumerate).
import { mulberry32 } from '../random.ts';
import { sampleFrom } from '../sampling.ts';

export interface Chance {
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** An index drawn from distribution p. */
  categorical(p: ArrayLike<number>): number;
  /** A uniformly random order of 0..n-1. */
  permutation(n: number): number[];
}

/** Chance from a seeded uniform generator. */
export function seededChance(seed: number): Chance {
  const rng = mulberry32(seed);
  return {
    bernoulli: (p) => rng() < p,
    categorical: (p) => sampleFrom(p, rng),
    permutation: (n) => {
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        // Fisher–Yates
        const j = Math.floor(rng() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      return order;
    },
  };
}
