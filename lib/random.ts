// Seeded randomness for every figure, test and widget: the same seed gives the same numbers on every machine.
// mulberry32 is a tiny 32-bit PRNG (Tommy Ettinger's public-domain generator); randn uses the Box–Muller transform.

/** A generator of uniform numbers in [0, 1), fully determined by `seed` (any number; it is taken mod 2^32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One standard-normal sample (mean 0, variance 1) drawn from the uniform generator `rng` (Box–Muller). */
export function randn(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng(); // avoid log(0)
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A uniform integer in [lo, hi] (both inclusive). */
export function randInt(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}
