// nextTokenChart: the model's most likely next tokens at one step, as horizontal bars of probability, the token
// actually chosen drawn in the second series colour.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { probability } from '../_kit/format.ts';

export interface NextTokenBar {
  /** Token id (tells apart tokens that display alike). */
  id: number;
  /** How the token is shown on its axis, e.g. "·whale". */
  label: string;
  /** Probability under the model at temperature 1. */
  p: number;
}

/** Five bars of 28 px plus the axis: a fixed height. */
export const NEXT_TOKEN_SIZE: ChartSize = { ratio: 0, min: 28 * 5 + 36, max: 28 * 5 + 36 };

export function nextTokenChart(
  bars: NextTokenBar[],
  chosen: number,
  {
    width,
    document,
    label,
    description,
    axis,
  }: ChartContext & { label: string; description: string /** The x axis title, in the page's words. */; axis: string },
) {
  const rows = bars.map((b, rank) => ({ ...b, rank, picked: b.id === chosen ? 'chosen' : 'other' }));
  const labels = rows.map((r) => r.label);
  return plotChart({
    width,
    size: NEXT_TOKEN_SIZE,
    document,
    label,
    description,
    marginLeft: Math.min(140, 18 + 8 * Math.max(4, ...labels.map((l) => l.length))),
    marginRight: 40,
    style: { fontSize: '13px' },
    x: { domain: [0, Math.max(0.05, ...rows.map((r) => r.p))], label: axis, ticks: width < 420 ? 3 : 5 },
    y: { domain: rows.map((r) => r.rank), tickFormat: (i: number) => labels[i] ?? '', label: null, tickSize: 0 },
    color: { domain: ['other', 'chosen'], range: [SERIES[0], SERIES[1]] },
    marks: [
      Plot.gridX({ stroke: GRID, strokeOpacity: 1 }),
      Plot.barX(rows, { x: 'p', y: 'rank', fill: 'picked' }),
      Plot.text(rows, {
        x: 'p',
        y: 'rank',
        text: (r: (typeof rows)[number]) => probability(r.p),
        dx: 4,
        textAnchor: 'start',
        fill: 'currentColor',
      }),
      Plot.ruleX([0], { stroke: 'currentColor' }),
    ],
  });
}
