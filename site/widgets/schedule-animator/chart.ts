// scheduleChart: the (batch × token·layer) grid as cells. Colour = layer (same colour, same weights, as in the
// paper's Fig. 3); computed squares are solid, the rest faint; the last computed square is outlined.
import * as Plot from '@observablehq/plot';
import { FG, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { LAYERS, TOKENS, type Cell } from './model.ts';
import { text } from './text.ts';

export const GRID_SIZE: ChartSize = { ratio: 0.5, min: 180, max: 300 };

export function scheduleChart(
  cells: Cell[],
  description: string,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
) {
  const t = text[lang];
  const rows = Math.max(...cells.map((c) => c.batch)) + 1;
  return plotChart({
    width,
    size: GRID_SIZE,
    document,
    label: t.chartLabel,
    description,
    marginLeft: 56,
    marginBottom: 36,
    x: {
      domain: Array.from({ length: TOKENS * LAYERS }, (_, i) => i),
      label: t.tokenLayerAxis,
      tickFormat: (i: number) => (i % LAYERS === 0 ? `t${i / LAYERS}` : ''),
      padding: 0.08,
    },
    y: {
      domain: Array.from({ length: rows }, (_, i) => i),
      label: t.batchAxis,
      tickFormat: (i: number) => `b${i}`,
      padding: 0.08,
    },
    color: { domain: Array.from({ length: LAYERS }, (_, i) => t.layer(i)), range: [...SERIES] },
    marks: [
      Plot.cell(cells, {
        x: 'col',
        y: 'batch',
        fill: (c: Cell) => t.layer(c.layer),
        fillOpacity: (c: Cell) => (c.done ? 1 : 0.18),
      }),
      Plot.cell(
        cells.filter((c) => c.current),
        { x: 'col', y: 'batch', fill: 'none', stroke: FG, strokeWidth: 3 },
      ),
    ],
  });
}
