// bundlingChart: reads and KiB per token for the three layouts, as two small bar groups.
import * as Plot from '@observablehq/plot';
import { SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import { layoutRows, summaryText, type FriendsData } from './model.ts';

export const BUNDLING_SIZE: ChartSize = { ratio: 0.4, min: 200, max: 260, legend: true };

export function bundlingChart(f: FriendsData, neuronBytes: number, { width, document }: ChartContext) {
  const rows = layoutRows(f, neuronBytes).flatMap((r) => [
    { layout: r.layout, measure: 'read calls', value: r.reads },
    { layout: r.layout, measure: 'KiB read', value: r.bytes / 1024 },
  ]);
  const layouts = rows.filter((r) => r.measure === 'read calls').map((r) => r.layout);
  return plotChart({
    width,
    size: BUNDLING_SIZE,
    document,
    label: 'Read calls and KiB per token for three flash layouts',
    description: summaryText(f, neuronBytes),
    marginLeft: 44,
    fx: { label: null, domain: ['read calls', 'KiB read'] },
    x: { axis: null, domain: layouts, padding: 0.15 },
    y: { label: 'per token', grid: true },
    color: { domain: layouts, range: [SERIES[0], SERIES[1], SERIES[2]], legend: true },
    marks: [Plot.barY(rows, { fx: 'measure', x: 'layout', y: 'value', fill: 'layout' }), Plot.ruleY([0])],
  });
}
