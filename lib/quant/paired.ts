// How sure is a loss difference between two models measured on the same tokens? The paired bootstrap: resample the
// tokens with replacement (the same draw for both models) and take the spread of the mean difference. Pairing removes
// what the two models share (hard tokens are hard for both), so the interval is far narrower than either loss's own.
// Tokens within a 128-token window are not independent, so we resample whole blocks of `block` consecutive tokens
// (a block bootstrap with the evaluation windows as blocks; Efron & Tibshirani, An Introduction to the Bootstrap, 1993, §8.6).
import { mulberry32 } from '../random.ts';

export interface PairedInterval {
  /** Mean of a − b over the tokens, nats/token. */
  mean: number;
  /** The central `level` interval of the bootstrap means, nats/token. */
  lo: number;
  hi: number;
  level: number;
  resamples: number;
  block: number;
  tokens: number;
}

/** Paired bootstrap interval of mean(a − b), resampling blocks of `block` consecutive tokens; seeded. */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  { resamples = 1000, level = 0.95, block = 128, seed = 1 } = {},
): PairedInterval {
  const n = a.length;
  if (n !== b.length) throw new Error(`pairedBootstrap: ${n} tokens against ${b.length}; pair the same tokens`);
  if (n === 0) throw new Error('pairedBootstrap: no tokens');
  if (!(level > 0 && level < 1)) throw new Error(`pairedBootstrap: level must be in (0, 1), got ${level}`);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = a[i] - b[i];
  const size = Math.max(1, Math.min(block, n));
  const blocks = Math.ceil(n / size);
  // Sums of each block (the last may be shorter), so a resample costs one addition per block.
  const sums = new Float64Array(blocks),
    counts = new Float64Array(blocks);
  for (let i = 0; i < n; i++) {
    sums[Math.floor(i / size)] += d[i];
    counts[Math.floor(i / size)]++;
  }
  const rng = mulberry32(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0,
      c = 0;
    for (let k = 0; k < blocks; k++) {
      const j = Math.floor(rng() * blocks);
      s += sums[j];
      c += counts[j];
    }
    means[r] = s / c;
  }
  means.sort();
  const q = (p: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(p * (resamples - 1))))];
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i];
  return {
    mean: mean / n,
    lo: q((1 - level) / 2),
    hi: q(1 - (1 - level) / 2),
    level,
    resamples,
    block: size,
    tokens: n,
  };
}

/** Whether an interval of a difference contains 0: the two models cannot be told apart on these tokens. */
export const withinNoise = (ci: Pick<PairedInterval, 'lo' | 'hi'>) => ci.lo <= 0 && ci.hi >= 0;
