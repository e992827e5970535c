// Plain data for SpecSampling: the tokens to show (most likely under either model), the bars, and the figures the
// sentences state (the words are in text.ts).
import type { Lang } from '../../i18n/lang.ts';
import { token } from '../_kit/format.ts';
import { text } from './text.ts';
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

export function bars(
  d: NodeDists,
  extra: { name: string; values: ArrayLike<number> }[] = [],
  lang: Lang = 'en',
): Bar[] {
  const ids = shownTokens(d);
  const t = text[lang];
  const series = [{ name: t.targetSeries, values: d.p }, { name: t.draftSeries, values: d.q }, ...extra];
  return ids.flatMap((i) => series.map((s) => ({ token: token(d.texts[i]), series: s.name, p: s.values[i] })));
}

/** One speculative-sampling attempt at the node, in words. */
export function trialText(t: NodeTrial, texts: string[], q: ArrayLike<number>, lang: Lang = 'en'): string[] {
  const say = text[lang];
  const lines = t.tried.map((c, i) =>
    say.child(i + 1, { text: texts[c.token], q: q[c.token], pAccept: c.pAccept, accepted: c.accepted }),
  );
  lines.push(t.accepted < 0 ? say.allRejected(texts[t.token]) : say.emitted(texts[t.token]));
  return lines;
}

export function runSummary(r: NodeSamplingResult, d: NodeDists, lang: Lang = 'en'): string {
  const tv = totalVariation(
    r.counts.map((c) => c / r.runs),
    d.p,
  );
  return text[lang].runSummary({ ...r, tv, noise: samplingNoiseTV(d.p, r.runs) });
}

export function nodeSummary(d: NodeDists, k: number, mss: number, naive: number, lang: Lang = 'en'): string {
  const top = shownTokens(d)[0];
  return text[lang].nodeSummary({ top: d.texts[top], p: d.p[top], q: d.q[top], k, mss, naive });
}
