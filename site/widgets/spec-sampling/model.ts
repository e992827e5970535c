// Plain data for SpecSampling: the tokens to show (most likely under either model), the bars, the sentences.
import { count, percent, token } from '../_kit/format.ts';
import type { NodeSamplingResult } from '../../../lib/speculative/node-sampling.ts';
import type { NodeTrial } from '../../../lib/speculative/verify.ts';
import { samplingNoiseTV, totalVariation } from '../../../lib/stats.ts';

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

export function runSummary(r: NodeSamplingResult, d: NodeDists): string {
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
