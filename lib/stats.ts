// Statistics shared across lib: one definition of each, so two measurements of "the median" agree.

/** The median: the middle value, or the mean of the two middle values for an even count; NaN for none. */
export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const s = Array.from(values).sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Total variation distance ½ Σ |a_i − b_i| between two distributions over the same tokens. */
export function totalVariation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let tv = 0;
  for (let i = 0; i < a.length; i++) tv += Math.abs(a[i] - b[i]);
  return tv / 2;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, nine terms: about 15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * E|X − np| for X ~ Binomial(n, p), by de Moivre's closed form 2ν·C(n, ν)·p^ν·(1 − p)^(n−ν+1), ν = ⌊np⌋ + 1.
 */
export function binomialMeanAbsDeviation(n: number, p: number): number {
  if (!(p > 0) || p >= 1) return 0;
  const v = Math.floor(n * p) + 1;
  if (v > n) return 0;
  const logChoose = logGamma(n + 1) - logGamma(v + 1) - logGamma(n - v + 1);
  return 2 * v * Math.exp(logChoose + v * Math.log(p) + (n - v + 1) * Math.log1p(-p));
}

/**
 * The total variation that sampling noise alone gives: the expected TV between the empirical distribution of
 * `draws` exact draws from p and p itself, ½ Σ E|X_i/N − p_i| (each count X_i is Binomial(N, p_i)). A run of an
 * exact sampler lands near this figure; a wrong sampler lands far above it.
 */
export function samplingNoiseTV(p: ArrayLike<number>, draws: number): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += binomialMeanAbsDeviation(draws, p[i]);
  return sum / (2 * draws);
}
