// Plain data for SpecSampling: the tokens to show (most likely under either model), the bars, the sentences.
import { count, percent, token } from '../_kit/format.ts';
import type { NodeTrial } from '../../../lib/speculative/verify.ts';

export const SHOWN = 8;
/** Runs of "Run 10,000 times". */
export const RUNS = 10_000;

export interface NodeDists {
  p: number[];
  q: number[];
  texts: string[];
}
export interface Bar {
  token: string;
  series: string;
  p: number;
}

/** The SHOWN tokens with the most probability under p or q, most likely under p first. */
export function shownTokens(d: NodeDists): number[] {
  const score = d.p.map((pi, i) => Math.max(pi, d.q[i]));
  return score
    .map((s, i) => [s, i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, SHOWN)
    .map(([, i]) => i)
    .sort((a, b) => d.p[b] - d.p[a] || a - b);
}

export function bars(d: NodeDists, extra: { name: string; values: ArrayLike<number> }[] = []): Bar[] {
  const ids = shownTokens(d);
  const series = [{ name: 'target p', values: d.p }, { name: 'draft q', values: d.q }, ...extra];
  return ids.flatMap((i) => series.map((s) => ({ token: token(d.texts[i]), series: s.name, p: s.values[i] })));
}

/** One speculative-sampling attempt at the node, in words. */
export function trialText(t: NodeTrial, texts: string[], q: ArrayLike<number>): string[] {
  const lines = t.tried.map(
    (c, i) =>
      `Child ${i + 1}: ${token(texts[c.token])} (draft probability ${percent(q[c.token])}), accepted with probability ${percent(c.pAccept)}: ${c.accepted ? 'accepted' : 'rejected, so the target distribution becomes the residual max(0, p − q), renormalised'}.`,
  );
  if (t.accepted < 0) lines.push(`Every child was rejected: ${token(texts[t.token])} is drawn from the last residual.`);
  else lines.push(`Emitted ${token(texts[t.token])}.`);
  return lines;
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

export function runSummary(
  r: {
    runs: number;
    counts: number[];
    mssAccept: number;
    naiveAccept: number;
    mssAcceptExact: number;
    naiveAcceptExact: number;
  },
  d: NodeDists,
): string {
  const tv = totalVariation(
    r.counts.map((c) => c / r.runs),
    d.p,
  );
  const noise = samplingNoiseTV(d.p, r.runs);
  return `${count(r.runs)} runs: the emitted tokens' frequencies differ from the target's probabilities by ${percent(tv, 2)} in total variation; sampling noise alone gives ${percent(noise, 2)} on average at ${count(r.runs)} exact draws from the target. Some child was accepted in ${percent(r.mssAccept)} of runs (exactly ${percent(r.mssAcceptExact)}); naive sampling with the same children would accept ${percent(r.naiveAccept)} (exactly ${percent(r.naiveAcceptExact)}).`;
}

export function nodeSummary(d: NodeDists, k: number, mss: number, naive: number): string {
  const top = shownTokens(d)[0];
  return `At this node the target's most likely token is ${token(d.texts[top])} at ${percent(d.p[top])}, where the draft gives it ${percent(d.q[top])}. With ${k} drafted ${k === 1 ? 'child' : 'children'}, speculative sampling accepts one with probability ${percent(mss)}; naive sampling ${percent(naive)}.`;
}
