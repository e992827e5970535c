// The classic roofline, log–log: attainable GFLOP/s against arithmetic intensity (FLOP per byte), the memory roof
// rising to the ridge and the compute roof flat after it, and the measured decode passes as numbered dots (the
// numbers are the table's rows). Colour and symbol say the engine; a hollow dot is fp32, a filled one int4.
import * as Plot from '@observablehq/plot';
import { attainableGflops } from '../../../lib/engine/intensity.ts';
import { type ChartContext, type ChartSize, logTicks, MUTED, plotChart, SERIES } from '../_kit/chart.ts';
import type { Lang } from '../../i18n/lang.ts';
import { ENGINES, type Measured, pointRows, ridge } from './model.ts';
import { text } from './text.ts';

export const SIZE: ChartSize = { ratio: 0.62, min: 260, max: 400, legend: true };

export function rooflineChart(m: Measured, { width, document }: ChartContext, lang: Lang = 'en') {
  const t = text[lang];
  const rows = pointRows(m);
  const xs = [...rows.map((r) => r.intensity), ridge(m.roof)];
  const ys = rows.map((r) => r.gflops);
  const x0 = Math.min(...xs) / 2,
    x1 = Math.max(...xs) * 2;
  const y0 = Math.min(...ys, m.roof.memoryGBs * x0) / 1.5,
    y1 = Math.max(m.roof.computeGflops, ...ys) * 1.5;
  // The roof is straight on log–log axes: its ends and the ridge are enough.
  const roof = [x0, ridge(m.roof), x1].map((x) => ({ x, y: attainableGflops(m.roof, x) }));
  const engines = ENGINES.filter((e) => rows.some((r) => r.engine === e));
  return plotChart({
    width,
    size: SIZE,
    document,
    label: t.chartLabel,
    description: t.summary(m),
    marginRight: 16,
    x: { label: t.xLabel, type: 'log', domain: [x0, x1], ticks: logTicks(x0, x1, 6) },
    y: { label: 'GFLOP/s', type: 'log', domain: [y0, y1], ticks: logTicks(y0, y1, 6), grid: true },
    color: { domain: engines, range: engines.map((e) => SERIES[ENGINES.indexOf(e)]), legend: true },
    symbol: { domain: engines, range: ['circle', 'square', 'triangle'].slice(0, engines.length) },
    marks: [
      Plot.line(roof, { x: 'x', y: 'y', stroke: 'currentColor', strokeWidth: 2 }),
      Plot.text([roof[2]], { x: 'x', y: 'y', text: () => t.computeRoof, textAnchor: 'end', dy: -8, fill: MUTED }),
      Plot.text([{ x: x0 * 1.2, y: attainableGflops(m.roof, x0 * 1.2) }], {
        x: 'x',
        y: 'y',
        text: () => t.memoryRoof,
        textAnchor: 'start',
        dy: -10,
        fill: MUTED,
      }),
      Plot.dot(rows, {
        x: 'intensity',
        y: 'gflops',
        stroke: 'engine',
        fill: (r: (typeof rows)[number]) => (r.weights === 'fp32' ? 'none' : r.engine),
        symbol: 'engine',
        r: 4.5,
        strokeWidth: 1.5,
        title: (r: (typeof rows)[number]) => `${r.n}: ${r.engine}, ${r.weights}, ${t.passName(r.tokens)}`,
      }),
      Plot.text(rows, {
        x: 'intensity',
        y: 'gflops',
        text: (r: (typeof rows)[number]) => String(r.n),
        dx: 9,
        dy: -6,
        fill: 'engine',
        fontSize: 11,
      }),
    ],
  });
}
