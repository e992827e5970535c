// lossChart: training loss per step (a thin line, noisy: one small batch each), held-out loss (dots joined), and the
// voice samples (a dashed rule at each sampled step, labelled with how many samples read as speech), for LoraTrain.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { LossPoint, VoicePoint } from './model.ts';
import { decimal } from '../_kit/format.ts';

export const LOSS_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 300, legend: true };

export function lossChart(
  points: LossPoint[],
  steps: number,
  { width, document }: ChartContext,
  voices: VoicePoint[] = [],
) {
  const train = points.filter((p) => p.set === 'train');
  const held = points.filter((p) => p.set === 'held-out');
  // Every plotted loss, early ones (far above the rest) included, with room for a dot's radius at both ends.
  const ys = points.map((p) => p.loss);
  const lo = ys.length ? ys.reduce((a, b) => Math.min(a, b)) : 3,
    hi = ys.length ? ys.reduce((a, b) => Math.max(a, b)) : 4;
  const pad = Math.max(0.05, (hi - lo) * 0.05);
  const last = <T>(xs: T[]) => xs[xs.length - 1];
  const top = hi + pad;
  const voiceMarks = voices.map((v) => ({ ...v, set: 'voice sample', loss: top, label: `${v.speech}/${v.samples}` }));
  const voiceSummary = voices.length
    ? ` Voice samples read as speech: ${voices.map((v) => `${v.speech} of ${v.samples} at step ${v.step}`).join(', ')}.`
    : '';
  return plotChart({
    width,
    size: LOSS_SIZE,
    document,
    label: 'Loss during LoRA training',
    description: held.length
      ? `Held-out loss from ${decimal(held[0].loss, 3)} to ${decimal(last(held).loss, 3)} nats per token over ${last(points).step} steps; training loss last ${train.length ? decimal(last(train).loss, 3) : 'not yet measured'}.${voiceSummary}`
      : 'No steps yet.' + voiceSummary,
    marginLeft: 50,
    marginTop: 22,
    x: { domain: [0, steps], label: 'step' },
    // The axis label beside the axis, so the voice labels above the plot have the top to themselves.
    y: { domain: [lo - pad, hi + pad], label: 'loss (nats/token)', labelAnchor: 'center', ticks: 5 },
    color: {
      domain: ['train', 'held-out', 'voice sample'],
      range: [SERIES[0], SERIES[1], SERIES[2]],
      legend: true,
      tickFormat: (s: string) => (s === 'voice sample' ? 'voice samples: k/n read as speech' : s),
    },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1, ticks: 5 }),
      Plot.line(train, { x: 'step', y: 'loss', stroke: 'set', strokeWidth: 1, strokeOpacity: 0.7 }),
      Plot.line(held, { x: 'step', y: 'loss', stroke: 'set', strokeWidth: 2 }),
      Plot.dot(held, { x: 'step', y: 'loss', fill: 'set', r: 3 }),
      Plot.ruleX(voiceMarks, { x: 'step', stroke: 'set', strokeDasharray: '3 3', strokeOpacity: 0.8 }),
      Plot.text(voiceMarks, { x: 'step', y: 'loss', text: 'label', fill: 'set', dy: -10, fontSize: 10 }),
    ],
  });
}
