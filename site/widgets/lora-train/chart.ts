// lossChart: training loss per step (a thin line, noisy: one small batch each), held-out loss (dots joined), and the
// voice samples (a dashed rule at each sampled step, labelled with how many samples read as speech), for LoraTrain.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../_kit/chart.ts';
import type { LossPoint, VoicePoint } from './model.ts';
import type { Lang } from '../../i18n/lang.ts';
import { text } from './text.ts';

export const LOSS_SIZE: ChartSize = { ratio: 0.5, min: 200, max: 300, legend: true };

export function lossChart(
  points: LossPoint[],
  steps: number,
  { width, document, lang = 'en' }: ChartContext & { lang?: Lang },
  voices: VoicePoint[] = [],
) {
  const t = text[lang];
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
  const voiceSummary = voices.length ? t.voicesDescription(voices) : '';
  return plotChart({
    width,
    size: LOSS_SIZE,
    document,
    label: t.chartLabel,
    description:
      (held.length
        ? t.lossDescription({
            first: held[0].loss,
            last: last(held).loss,
            steps: last(points).step,
            train: train.length ? last(train).loss : undefined,
          })
        : t.noSteps) + voiceSummary,
    marginLeft: 50,
    marginTop: 22,
    x: { domain: [0, steps], label: t.xAxis },
    // The axis label beside the axis, so the voice labels above the plot have the top to themselves.
    y: { domain: [lo - pad, hi + pad], label: t.yAxis, labelAnchor: 'center', ticks: 5 },
    color: {
      domain: ['train', 'held-out', 'voice sample'],
      range: [SERIES[0], SERIES[1], SERIES[2]],
      legend: true,
      tickFormat: (s: string) => t.sets[s] ?? s,
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
