// Tokens per target pass against the number of guessed nodes: chains as lines, trees and best-first budgets as dots.
import * as Plot from '@observablehq/plot';
import { plotChart, SERIES, DASHES, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { decimal, tick } from '../_kit/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import { passPoints, summaryText, type Decoding, type PassRow } from './model.ts';
import { text } from './text.ts';

export const SIZE: ChartSize = { ratio: 0.55, min: 240, max: 360, legend: true };

/** The family drawn as hollow dots (joined by lines); the others are filled. */
const hollowFamily = 'chain';

/** A chart's context and the edition whose words it uses. */
type Context = ChartContext & { lang?: Lang };

export function passesChart(rows: PassRow[], decoding: Decoding, { width, document, lang = 'en' }: Context) {
  const t = text[lang];
  const pts = passPoints(rows, decoding);
  // Colour says the decoding, the symbol the family (circles chains, squares trees, diamonds best-first budgets).
  const domain = (['greedy', 'sampled'] as const).filter((d) => pts.some((p) => p.decoding === d));
  const colour = (d: string) => (d === 'greedy' ? SERIES[0] : SERIES[1]);
  const chains = pts.filter((p) => p.family === hollowFamily);
  const fig = plotChart({
    width,
    size: SIZE,
    document,
    label: t.chartLabel,
    description: summaryText(rows, decoding, lang),
    color: { domain: [...domain], range: domain.map(colour) },
    // The legend draws the families' own symbols (a colour legend would draw squares); the decodings' colours are
    // named at the end of their chain lines.
    symbol: {
      domain: ['chain', 'tree', 'best-first'],
      range: ['circle', 'square', 'diamond'],
      legend: true,
      tickFormat: (f: keyof typeof t.families) => t.families[f],
    },
    marginRight: 64, // room for the decodings' names at the ends of the chain lines
    x: { label: t.xAxis, type: 'log', ticks: [1, 2, 4, 8, 16, 32], tickFormat: tick },
    y: { label: t.yAxis, zero: true, grid: true },
    marks: [
      Plot.ruleY([1]),
      // strokeDasharray is a constant option in Plot (a function is ignored): one line mark per decoding.
      ...domain.map((decoding, i) =>
        Plot.line(
          chains.filter((p) => p.decoding === decoding),
          { x: 'nodes', y: 'tokensPerPass', stroke: 'decoding', strokeDasharray: DASHES[i] },
        ),
      ),
      Plot.text(
        domain.map((d) => chains.filter((p) => p.decoding === d).at(-1)).filter((p) => p !== undefined),
        {
          x: 'nodes',
          y: 'tokensPerPass',
          text: (p: { decoding: Decoding }) => t.decodings[p.decoding],
          fill: 'decoding',
          textAnchor: 'start',
          dx: 8,
        },
      ),
      // Chains' dots hollow, the others filled. Two marks: a fill channel returning 'none' would go through the
      // colour scale, which has no 'none', and Plot would drop those dots.
      ...[true, false].map((hollow) =>
        Plot.dot(
          pts.filter((p) => (p.family === hollowFamily) === hollow),
          {
            x: 'nodes',
            y: 'tokensPerPass',
            stroke: 'decoding',
            fill: hollow ? 'none' : 'decoding',
            symbol: 'family',
            r: 4,
            title: (d: { shape: string; tokensPerPass: number; decoding: string }) =>
              `${d.shape}, ${t.decodings[d.decoding as Decoding]}: ${decimal(d.tokensPerPass)}`,
          },
        ),
      ),
    ],
  });
  // Plot's symbol legend draws every symbol alike: draw each family's swatch as its dots are drawn.
  for (const swatch of fig.querySelectorAll('[class$="-swatch"]')) {
    const svg = swatch.querySelector('svg');
    svg?.setAttribute('fill', swatch.textContent?.trim() === t.families[hollowFamily] ? 'none' : 'currentColor');
    svg?.setAttribute('stroke', 'currentColor');
  }
  return fig;
}
