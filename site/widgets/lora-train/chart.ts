// lossChart: training loss per step (a thin line, noisy: one small batch each) and held-out loss (dots joined),
// for the run in LoraTrain.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { LossPoint } from './model.ts';
import { decimal } from '../_kit/format.ts';

export const LOSS_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 300, legend: true };

export function lossChart(points: LossPoint[], steps: number, { width, document }: ChartContext) {
  const train = points.filter((p) => p.set === 'train');
  const held = points.filter((p) => p.set === 'held-out');
  // Every plotted loss, early ones (far above the rest) included, with room for a dot's radius at both ends.
  const ys = points.map((p) => p.loss);
  const lo = ys.length ? ys.reduce((a, b) => Math.min(a, b)) : 3,
    hi = ys.length ? ys.reduce((a, b) => Math.max(a, b)) : 4;
  const pad = Math.max(0.05, (hi - lo) * 0.05);
  const last = (xs: LossPoint[]) => xs[xs.length - 1];
  return plotChart({
    width,
    size: LOSS_SIZE,
    document,
    label: 'Loss during LoRA training',
    description: held.length
      ? `Held-out loss from ${decimal(held[0].loss, 3)} to ${decimal(last(held).loss, 3)} nats per token over ${last(points).step} steps; training loss last ${train.length ? decimal(last(train).loss, 3) : 'not yet measured'}.`
      : 'No steps yet.',
    marginLeft: 44,
    x: { domain: [0, steps], label: 'step' },
    y: { domain: [lo - pad, hi + pad], label: 'loss (nats/token)', ticks: 5 },
    color: { domain: ['train', 'held-out'], range: [SERIES[0], SERIES[1]], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.line(train, { x: 'step', y: 'loss', stroke: 'set', strokeWidth: 1, strokeOpacity: 0.7 }),
      Plot.line(held, { x: 'step', y: 'loss', stroke: 'set', strokeWidth: 2 }),
      Plot.dot(held, { x: 'step', y: 'loss', fill: 'set', r: 3 }),
    ],
  });
}
