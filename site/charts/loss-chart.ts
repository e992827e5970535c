// lossChart: training curves of the site's models: training loss (averaged over windows of steps) as a line and
// validation loss as dots, against tokens seen, one colour per model, with the bigram baseline as a dashed rule.
// Drawn through the widget kit's plotChart like every chart on the site.
import * as Plot from '@observablehq/plot';
import { GRID, SERIES, plotChart, type ChartContext, type ChartSize } from '../widgets/_kit/chart.ts';

export interface LossPoint {
  model: string;
  /** Tokens seen when this loss was measured. */
  tokens: number;
  /** Cross-entropy, nats per token. */
  loss: number;
  split: 'train' | 'validation';
}

export const LOSS_SIZE: ChartSize = { ratio: 0.55, min: 220, max: 340, legend: true };

export interface LossChartOptions extends ChartContext {
  /** Models in colour order (first gets var(--chart-1)). */
  models: string[];
  /** Validation loss of the bigram baseline, drawn as a dashed rule. */
  baseline?: number;
  label: string;
  description: string;
  /** The axes' titles and the baseline's label, in the page's edition (site/i18n/pages.ts, model.chart). */
  words: { x: string; y: string; baseline: string };
}

/** A Plot figure (legend + SVG): loss in nats/token against millions of tokens seen. */
export function lossChart(
  points: LossPoint[],
  { width, document, models, baseline, label, description, words }: LossChartOptions,
) {
  const train = points.filter((p) => p.split === 'train');
  const validation = points.filter((p) => p.split === 'validation');
  return plotChart({
    width,
    size: LOSS_SIZE,
    document,
    label,
    description,
    marginLeft: 44,
    marginRight: 12,
    x: { label: words.x, transform: (t: number) => t / 1e6, ticks: width < 420 ? 4 : 6 },
    // Nice ends on the labelled ticks' step (same count for both): the axis runs to a label at or below the lowest
    // loss, so no line falls under the last label.
    y: { label: words.y, nice: 5, ticks: 5 },
    color: { domain: models, range: [...SERIES], legend: true },
    marks: [
      Plot.gridY({ stroke: GRID, strokeOpacity: 1 }),
      baseline === undefined
        ? null
        : Plot.ruleY([baseline], { stroke: 'currentColor', strokeDasharray: '4 4', strokeOpacity: 0.7 }),
      baseline === undefined
        ? null
        : Plot.text([baseline], {
            y: (d: number) => d,
            frameAnchor: 'right',
            text: () => words.baseline,
            dy: -7,
            fill: 'currentColor',
          }),
      Plot.line(train, { x: 'tokens', y: 'loss', stroke: 'model', strokeWidth: 1.75 }),
      Plot.dot(validation, { x: 'tokens', y: 'loss', fill: 'model', r: 3 }),
    ],
  });
}

/** Training loss averaged over consecutive windows of `every` steps, at the window's last step: a readable line. */
export function smoothTrain(
  log: { step: number; trainLoss: number }[],
  every: number,
): { step: number; loss: number }[] {
  const out: { step: number; loss: number }[] = [];
  for (let i = 0; i < log.length; i += every) {
    const w = log.slice(i, i + every);
    out.push({ step: w[w.length - 1].step, loss: w.reduce((s, e) => s + e.trainLoss, 0) / w.length });
  }
  return out;
}
