// @vitest-environment jsdom
// PredictorQuality's sentences and chart, on a seeded synthetic sweep.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import { recallChart } from '../../site/widgets/predictor-quality/chart.ts';
import {
  defaultStep,
  perplexityChange,
  pointText,
  type PredictorData,
} from '../../site/widgets/predictor-quality/model.ts';
import { expectSnapshot } from './snapshot.ts';

function sweep(seed: number): PredictorData {
  const rand = mulberry32(seed);
  const thresholds = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
  // Higher thresholds compute fewer neurons and find fewer of those that fire.
  const point = (t: number) => ({
    threshold: t,
    recall: 1 - 0.3 * t - 0.02 * rand(),
    precision: 0.4 + 0.5 * t,
    computedShare: 0.4 - 0.4 * t + 0.01 * rand(),
  });
  return {
    sweep: thresholds.map((t) => ({ ...point(t), lossChange: 0.01 * t * t })),
    calibration: thresholds.map(point),
    activeShare: 0.12,
    nFfn: 512,
  };
}

describe('PredictorQuality model', () => {
  it('picks the sweep point nearest the threshold', () => {
    const s = sweep(1).sweep;
    expect(defaultStep(s, 0.33)).toBe(2);
    expect(defaultStep(s, 0)).toBe(0);
    expect(defaultStep(s, 9)).toBe(s.length - 1);
  });
  it('says recall, neurons computed and the perplexity change, in the kit units', () => {
    const t = pointText(
      { threshold: 0.5, recall: 0.956, precision: 0.592, computedShare: 0.167, lossChange: 0.0019 },
      512,
    );
    expect(t.recall).toBe('95.6% of the neurons that fire are predicted (precision 59.2%).');
    expect(t.computed).toBe('16.7% of neurons computed, about 86 of 512 per layer and token.');
    expect(t.loss).toBe(
      `Loss +0.0019 nats/token vs dense: perplexity +${+(perplexityChange(0.0019) * 100).toFixed(2)}%.`,
    );
  });
});

describe('recallChart', () => {
  it('covers every point in its domains, rings the selected threshold, and is named', () => {
    const d = sweep(2);
    const fig = recallChart(d, 0.3, { width: 375, document });
    const svg = fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-label')).toMatch(/recall/i);
    expect(svg.getAttribute('aria-description')).toMatch(/threshold 0.3: recall/);
    expect(fig.querySelectorAll('g[aria-label]').length).toBe(0);
    expectSnapshot('recall-chart-375', fig);
    expectSnapshot('recall-chart-640', recallChart(d, 0.6, { width: 640, document }));
  });
});
