// Plain data for SpecPasses from the build-time measurements (site/data/speculative.json): one point per tree shape
// and decoding, grouped into chains, expansion trees and best-first budgets.
import { count, decimal, percent } from '../_kit/format.ts';

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

export function summaryText(rows: PassRow[], decoding: Decoding): string {
  const pts = passPoints(rows, decoding);
  if (pts.length === 0) return 'No measurements in this build.';
  const parts = (['greedy', 'sampled'] as const)
    .filter((d) => decoding === 'both' || d === decoding)
    .map((d) => {
      const mine = pts.filter((p) => p.decoding === d);
      const chain = mine.filter((p) => p.family === 'chain').sort((a, b) => a.nodes - b.nodes);
      const best = mine.reduce((a, b) => (b.tokensPerPass > a.tokensPerPass ? b : a));
      return `${d}: chains go from ${decimal(chain[0].tokensPerPass)} tokens per target pass with 1 guess to ${decimal(chain[chain.length - 1].tokensPerPass)} with ${chain[chain.length - 1].nodes}; the best shape, ${best.shape} with ${best.nodes} guesses, verifies ${decimal(best.tokensPerPass)}`;
    });
  return `Tokens per target pass against guessed nodes, measured on held-out text. ${parts.join('. ')}.`;
}

export function topKCaption(t: PassesData['topK']): string {
  return `Over ${count(t.positions)} positions, the target's first choice is among the draft's top 1 at ${percent(t.greedy[0])} and top 5 at ${percent(t.greedy[4])}.`;
}
