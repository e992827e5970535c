// Plain data for SpecPasses from the build-time measurements (site/data/speculative.json): one point per tree shape
// and decoding, grouped into chains, expansion trees and best-first budgets.
import type { Lang } from '../../i18n/lang.ts';
import { text, type DecodingSummary } from './text.ts';

export interface PassRow {
  shape: string;
  nodes: number;
  verifier: 'greedy' | 'mss' | 'naive';
  tokensPerPass: number;
}
export interface PassesData {
  rows: PassRow[];
  topK: { positions: number; greedy: number[]; sampled: number[]; mss: number[] };
}
export type Decoding = 'greedy' | 'sampled' | 'both';

export interface PassPoint {
  shape: string;
  nodes: number;
  tokensPerPass: number;
  family: 'chain' | 'tree' | 'best-first';
  decoding: 'greedy' | 'sampled';
  series: string;
}

export function passPoints(rows: PassRow[], decoding: Decoding): PassPoint[] {
  return rows
    .filter((r) => r.verifier !== 'naive')
    .map((r) => {
      const family = r.shape.startsWith('chain') ? 'chain' : r.shape.startsWith('budget') ? 'best-first' : 'tree';
      const d = r.verifier === 'greedy' ? 'greedy' : 'sampled';
      return {
        shape: r.shape,
        nodes: r.nodes,
        tokensPerPass: r.tokensPerPass,
        family,
        decoding: d,
        series: `${family}, ${d}`,
      } as PassPoint;
    })
    .filter((p) => decoding === 'both' || p.decoding === decoding);
}

/** Per decoding shown, what the summary says: chains from 1 guess to the longest, and the best shape (none if empty). */
export function decodingSummaries(rows: PassRow[], decoding: Decoding): DecodingSummary[] {
  const pts = passPoints(rows, decoding);
  return (['greedy', 'sampled'] as const)
    .filter((d) => decoding === 'both' || d === decoding)
    .map((d) => {
      const mine = pts.filter((p) => p.decoding === d);
      const chain = mine.filter((p) => p.family === 'chain').sort((a, b) => a.nodes - b.nodes);
      const best = mine.reduce((a, b) => (b.tokensPerPass > a.tokensPerPass ? b : a));
      return { decoding: d, first: chain[0], last: chain[chain.length - 1], best };
    });
}

/** The chart's text summary in an edition. */
export function summaryText(rows: PassRow[], decoding: Decoding, lang: Lang = 'en'): string {
  if (passPoints(rows, decoding).length === 0) return text[lang].noData;
  return text[lang].summary(decodingSummaries(rows, decoding));
}
