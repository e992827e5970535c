// Tokens per target pass against the number of guessed nodes: chains as lines, trees and best-first budgets as dots.
import * as Plot from '@observablehq/plot';
import { plotChart, SERIES, DASHES, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { passPoints, summaryText, type Decoding, type PassRow } from './model.ts';

export const SIZE: ChartSize = { ratio: 0.55, min: 240, max: 360, legend: true };

export function passesChart(rows: PassRow[], decoding: Decoding, { width, document }: ChartContext) {
  const pts = passPoints(rows, decoding);
  const order = ['chain, greedy', 'tree, greedy', 'best-first, greedy', 'chain, sampled', 'tree, sampled'];
  const domain = order.filter((s) => pts.some((p) => p.series === s));
  const colour = (s: string) => SERIES[order.indexOf(s) % SERIES.length];
  const chains = pts.filter((p) => p.family === 'chain');
  return plotChart({
    width, size: SIZE, document,
    label: 'Tokens per target pass against guessed nodes per tree',
    description: summaryText(rows, decoding),
    color: { legend: true, domain, range: domain.map(colour) },
    x: { label: 'guessed nodes in the tree', type: 'log', ticks: [1, 2, 4, 8, 16, 32] },
    y: { label: 'tokens per target pass', zero: true, grid: true },
    marks: [
      Plot.ruleY([1]),
      Plot.line(chains, { x: 'nodes', y: 'tokensPerPass', z: 'series', stroke: 'series', strokeDasharray: (d: { decoding: string }) => (d.decoding === 'greedy' ? DASHES[0] : DASHES[1]) }),
      Plot.dot(pts, { x: 'nodes', y: 'tokensPerPass', stroke: 'series', fill: (d: { family: string; series: string }) => (d.family === 'chain' ? 'none' : d.series), symbol: (d: { family: string }) => (d.family === 'best-first' ? 'diamond' : d.family === 'tree' ? 'square' : 'circle'), r: 4, title: (d: { shape: string; tokensPerPass: number; decoding: string }) => `${d.shape}, ${d.decoding}: ${d.tokensPerPass.toFixed(2)}` }),
    ],
  });
}
