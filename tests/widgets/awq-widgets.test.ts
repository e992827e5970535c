// @vitest-environment jsdom
// The AWQ lesson's widgets in Node: their sentences and charts from lib/quant results (no browser, no worker).
import { describe, expect, it } from 'vitest';
import { monteCarloScaling } from '../../lib/quant/microscope.ts';
import { lineChart } from '../../site/widgets/error-microscope/chart.ts';
import {
  exampleGroup,
  groupScaling,
  groupSentence,
  monteCarloSentence,
} from '../../site/widgets/error-microscope/model.ts';
import { errorChart, stepsChart } from '../../site/widgets/alpha-slider/chart.ts';
import { alphaSentence, pointAt, type Curve } from '../../site/widgets/alpha-slider/model.ts';
import { raceSentence } from '../../site/widgets/int4-race/model.ts';
import { resultSentence } from '../../site/widgets/quantize-it/model.ts';

const curve: Curve = {
  layer: 'h.3.mlp.down',
  best: 3,
  rtnError: 1e-3,
  salientChannel: 7,
  points: Array.from({ length: 20 }, (_, k) => ({
    alpha: k / 20,
    relError: 1 - 0.1 * Math.sin((k * Math.PI) / 6) + (k > 6 ? 0.05 * k : 0),
    stepRatio: 1 + 0.02 * k,
    grewShare: k / 40,
    salientFactor: 1 / (1 + 0.1 * k),
  })),
};

describe('ErrorMicroscope', () => {
  it('the example group is seeded, its salient weight is not the max, and the chart is a named image', () => {
    const a = exampleGroup(4),
      b = exampleGroup(4);
    expect(a).toEqual(b);
    expect(Math.abs(a.w[a.salient])).toBeLessThan(Math.max(...a.w.map(Math.abs)));
    const g = groupScaling(4, 1.5, 4);
    expect(groupSentence(g, 1.5)).toMatch(/^Weight -?\d/);
    const fig = lineChart(g, 1.5, 4, { width: 375, document });
    const svg = fig.localName === 'svg' ? fig : fig.querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/number line/);
    expect(monteCarloSentence(monteCarloScaling({ groups: 200, s: 2, seed: 1 }), 2)).toMatch(
      /^200 random groups of 128, one weight scaled by 2/,
    );
  });
});

describe('AlphaSlider', () => {
  it('maps α to the grid, names the best point, and draws both charts', () => {
    expect(pointAt(curve, 0)).toBe(0);
    expect(pointAt(curve, 0.95)).toBe(19);
    expect(pointAt(curve, 0.52)).toBe(10);
    expect(alphaSentence(curve, 0.15)).toMatch(/^h\.3\.mlp\.down, α = 0\.15: output error .* \(best α = 0\.15/);
    for (const fig of [
      errorChart(curve, 0.5, { width: 375, document }),
      stepsChart(curve, 0.5, { width: 640, document }),
    ]) {
      const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-description')?.length).toBeGreaterThan(50);
    }
  });
});

describe('QuantizeIt and Int4Race sentences', () => {
  it('say the loss against fp32, the file size and who won the race', () => {
    const fp32 = { loss: 3.4172, perplexity: Math.exp(3.4172), sample: 'x', bytes: 3501056 };
    const r = {
      bits: 3,
      groupSize: 128,
      method: 'awq' as const,
      loss: 3.4548,
      perplexity: Math.exp(3.4548),
      sample: 'y',
      bytes: 677120,
      meanAlpha: 0.2,
    };
    expect(resultSentence(r, fp32, 1024)).toBe(
      'int3, group 128, AWQ (scale search + clipping): loss 3.4548 nats/token against 3.4172 in fp32 (+0.0376; perplexity +3.83%) on 1,024 held-out tokens; file 661 KiB against 3.3 MiB.',
    );
    const race = {
      inDim: 4096,
      outDim: 4096,
      fp32Ms: 40,
      int4Ms: 20,
      speedup: 2,
      fp32Bytes: 4 * 4096 * 4096,
      int4Bytes: 9_000_000,
    };
    expect(raceSentence(race)).toMatch(/int4 is 2× faster/);
    expect(raceSentence({ ...race, speedup: 0.5, int4Ms: 80 })).toMatch(/int4 is 2× slower/);
  });
});
