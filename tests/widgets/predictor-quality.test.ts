// @vitest-environment jsdom-ssr
// PredictorQuality's sentences and chart, on a seeded synthetic sweep; and the widget in the Chinese edition.
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import { recallChart } from '../../site/widgets/predictor-quality/chart.ts';
import { defaultStep, perplexityChange, type PredictorData } from '../../site/widgets/predictor-quality/model.ts';
import PredictorQuality from '../../site/widgets/predictor-quality/PredictorQuality.astro';
import { text } from '../../site/widgets/predictor-quality/text.ts';
import { expectSnapshot } from './snapshot.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

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
    const t = text.en.point(
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

describe('PredictorQuality in Chinese', () => {
  afterEach(leaveChinese);
  const numbersIn = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();

  it('each sentence of every sweep point carries the English numbers', () => {
    for (const seed of [1, 2, 3])
      for (const p of sweep(seed).sweep) {
        const en = text.en.point(p, 512),
          zh = text.zh.point(p, 512);
        for (const k of ['head', 'recall', 'computed', 'loss'] as const)
          expect(numbersIn(zh[k])).toEqual(numbersIn(en[k]));
        expect(text.zh.summary(p, 512)).toBe(`${zh.head}：${zh.recall}${zh.computed}${zh.loss}`);
      }
  });

  it('on a Chinese page the shell and the element write Chinese; the slider’s sentences follow in Chinese', async () => {
    const el = await mountChinese(PredictorQuality, 'predictor-quality');
    const card = el.querySelector('script[data-json]');
    expect(card).not.toBeNull(); // public/models/predictor-v1/card.json is in the repository
    expect(el.querySelector('dt')!.textContent).toBe('召回率');
    await import('../../site/widgets/predictor-quality/element.ts');
    for (let i = 0; i < 50 && el.dataset.state !== 'done'; i++) await new Promise((r) => setTimeout(r, 30));
    const slider = el.querySelector<HTMLInputElement>('input[type="range"]')!;
    slider.value = '0';
    slider.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 50));
    const data: PredictorData = JSON.parse(card!.textContent!);
    expect(el.querySelector('[data-out="recall"]')!.textContent).toBe(text.zh.point(data.sweep[0], data.nFfn).recall);
    expect(el.querySelector('[data-summary]')!.textContent).toBe(text.zh.summary(data.sweep[0], data.nFfn));
    expect(englishLeft(el, ['MLP', 'FFN', 'Moby', 'Dick', 'PowerInfer', 'nats'])).toEqual([]);
  });

  it('the chart’s axes, legend and description are Chinese', () => {
    const fig = recallChart(sweep(4), 0.3, { width: 375, document }, 'zh');
    expect(fig.textContent).toContain('计算的神经元占比');
    expect(fig.textContent).toContain('校准');
    const svg = fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-description')).toMatch(/^阈值 0.1：召回率 /);
    expect(englishLeft(fig)).toEqual([]);
  });
});
