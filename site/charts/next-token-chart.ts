// nextTokenChart: the model's most likely next tokens at one step, as horizontal bars of probability, the token
// actually chosen drawn in the second series colour. Colours from the theme; text in currentColor.
import * as Plot from '@observablehq/plot';

export interface NextTokenBar {
  /** Token id (tells apart tokens that display alike). */
  id: number;
  /** How the token is shown on its axis, e.g. "·whale". */
  label: string;
  /** Probability under the model at temperature 1. */
  p: number;
}

export interface NextTokenChartOptions extends Plot.PlotOptions {
  /** Width in CSS pixels; pass the container's width so the chart fits a phone. */
  width?: number;
  /** The id of the token that was chosen at this step, if it is among the bars. */
  chosen?: number;
}

/** A Plot SVG: one bar per token, most likely on top, labelled with its probability. */
export function nextTokenChart(bars: NextTokenBar[], { width = 480, chosen, ...options }: NextTokenChartOptions = {}) {
  const rows = bars.map((b, rank) => ({ ...b, rank, picked: b.id === chosen ? 'chosen' : 'other' }));
  const labels = rows.map((r) => r.label);
  return Plot.plot({
    width,
    height: 28 * Math.max(rows.length, 1) + 36,
    marginLeft: Math.min(140, 18 + 8 * Math.max(4, ...labels.map((l) => l.length))),
    marginRight: 40,
    style: { background: 'transparent', color: 'currentColor', fontSize: '13px' },
    x: { domain: [0, Math.max(0.05, ...rows.map((r) => r.p))], label: 'probability', ticks: width < 420 ? 3 : 5, grid: false },
    y: { domain: rows.map((r) => r.rank), tickFormat: (i: number) => labels[i] ?? '', label: null, tickSize: 0 },
    color: { domain: ['other', 'chosen'], range: ['var(--chart-1)', 'var(--chart-2)'] },
    marks: [
      Plot.gridX({ stroke: 'var(--chart-grid)', strokeOpacity: 1 }),
      Plot.barX(rows, { x: 'p', y: 'rank', fill: 'picked' }),
      Plot.text(rows, { x: 'p', y: 'rank', text: (r: (typeof rows)[number]) => r.p.toFixed(2), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
    ...options,
  });
}
