// @vitest-environment jsdom-ssr
// The AWQ lesson's widgets in Node: their sentences and charts from lib/quant results (no browser, no worker); and
// each shell on a /zh/ page, its element started in Chinese (a fake worker, never asked while the defaults show).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { monteCarloScaling } from '../../lib/quant/microscope.ts';
import { lineChart } from '../../site/widgets/error-microscope/chart.ts';
import {
  exampleGroup,
  groupScaling,
  groupSentence,
  monteCarloSentence,
  outOfRangeNote,
} from '../../site/widgets/error-microscope/model.ts';
import { schema as microscopeSchema } from '../../site/widgets/error-microscope/params.ts';
import { mulberry32 } from '../../lib/random.ts';
import type { ExperimentResult } from '../../lib/quant/experiment.ts';
import { percent, sig } from '../../site/widgets/_kit/format.ts';
import { errorChart, stepsChart } from '../../site/widgets/alpha-slider/chart.ts';
import { alphaSentence, bestAlpha, logTicks, pointAt, type Curve } from '../../site/widgets/alpha-slider/model.ts';
import { text as int4Text } from '../../site/widgets/int4-race/text.ts';

const raceSentence = int4Text.en.race;
import { comparisonSentence, resultSentence, row } from '../../site/widgets/quantize-it/model.ts';
import { AlphaSlider, ErrorMicroscope, QuantizeIt } from '../../site/widgets/index.ts';
import { mountZh, shownWords, stubMatchMedia, unmountZh } from './zh-mount.ts';

vi.mock('../../site/worker/client.ts', async () => (await import('./worker/fake-client.ts')).clientModule);
beforeAll(stubMatchMedia);
afterEach(unmountZh);

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
  it('in Chinese: the group, the Monte Carlo, the chart, the out-of-range note and the shell, on a /zh/ page', async () => {
    const g = groupScaling(4, 1.5, 4);
    const zh = groupSentence(g, 1.5, 'zh');
    expect(zh).toMatch(/^权重 -?\d[\d.]* 乘以 s = 1\.5：/);
    expect(zh).toContain(`未缩放时为 ${sig(g.outputErrBefore, 2)}。`);
    const mc = monteCarloScaling({ groups: 200, s: 2, seed: 1 });
    expect(monteCarloSentence(mc, 2, 'zh')).toMatch(/^200 个 128 权重的随机分组，每组一个权重乘以 2：/);
    const fig = lineChart(g, 1.5, 4, { width: 640, document, lang: 'zh' });
    expect(fig.outerHTML).toMatch(/aria-label="数轴上的一个量化分组：缩放一个权重之前与之后"/);
    expect(fig.textContent).toContain('之前：步长 Δ');
    const p = microscopeSchema.params.bits;
    expect(outOfRangeNote('比特数', '99', p, 'zh')).toBe(
      '比特数：“99”不是 2 到 8 之间的整数；组件仍显示上一个有效值。',
    );
    const el = await mountZh(ErrorMicroscope, () => import('../../site/widgets/error-microscope/element.ts'));
    expect(el.querySelector('label[for$="-s"]')!.textContent).toBe('显著权重的缩放系数 s');
    expect(el.querySelector('[data-out="group"]')!.textContent).toMatch(/^权重 /);
    expect(el.querySelector('[data-source="modelled"]')!.textContent).toBe('模拟：高斯分布的权重，对称量化器');
    expect(el.querySelector('[data-progress]')!.textContent).toBe('正在 worker 中运行 10,000 个随机分组……'); // stale
    expect(shownWords(el)).not.toMatch(/\b(Weight|random groups|simulated|Ticks|Bits)\b/);
  });
});

describe('AlphaSlider', () => {
  it('maps α to the grid, names the best point, and draws both charts', () => {
    expect(pointAt(curve, 0)).toBe(0);
    expect(pointAt(curve, 0.95)).toBe(19);
    expect(pointAt(curve, 0.52)).toBe(10);
    expect(bestAlpha(curve)).toBe(0.15);
    expect(alphaSentence(curve, 0.15)).toMatch(/^h\.3\.mlp\.down, α = 0\.15: the best α of the grid/);
    // Moving away from the best says how much worse, against the best's error.
    const worse = (curve.points[10].relError / curve.points[3].relError - 1) * 100;
    expect(alphaSentence(curve, 0.5)).toContain(`more than at the best α = 0.15`);
    expect(alphaSentence(curve, 0.5)).toContain(`${worse.toFixed(1)}%`);
    for (const fig of [
      errorChart(curve, 0.5, { width: 375, document }),
      stepsChart(curve, 0.5, { width: 640, document }),
    ]) {
      const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
      expect(svg.getAttribute('role')).toBe('img');
      expect(svg.getAttribute('aria-description')?.length).toBeGreaterThan(50);
    }
  });
  it('in Chinese: the sentence, both charts and the shell, with the same figures, on a /zh/ page', async () => {
    const worse = curve.points[10].relError / curve.points[3].relError - 1;
    expect(alphaSentence(curve, 0.15, 'zh')).toMatch(/^h\.3\.mlp\.down，α = 0\.15：网格中的最佳 α/);
    expect(alphaSentence(curve, 0.5, 'zh')).toContain(
      `比最佳 α = 0.15 时（${percent(curve.points[3].relError)}）多 ${percent(worse)}`,
    );
    const error = errorChart(curve, 0.5, { width: 375, document, lang: 'zh' });
    expect(error.outerHTML).toMatch(/aria-label="h\.3\.mlp\.down 的输出误差随 α 的变化，相对于就近舍入"/);
    expect([...error.querySelectorAll('text')].some((t) => t.textContent === '最佳')).toBe(true);
    const steps = stepsChart(curve, 0.5, { width: 640, document, lang: 'zh' });
    expect(steps.textContent).toContain('所有权重（中位数）');
    expect(steps.querySelectorAll('path').length).toBe(
      stepsChart(curve, 0.5, { width: 640, document }).querySelectorAll('path').length,
    );
    const el = await mountZh(AlphaSlider, () => import('../../site/widgets/alpha-slider/element.ts'));
    expect(el.querySelector('label[for$="layer"]')!.textContent).toBe('层');
    expect(el.querySelector('select[id$="model"] option')!.textContent).toBe('target-v1（训练所得）');
    expect(el.querySelector('[data-out="sentence"]')!.textContent).toMatch(
      /^h\.3\.mlp\.down，α = [\d.]+：网格中的最佳 α/,
    );
    expect(shownWords(el)).not.toMatch(/\b(measured on our model|calibration|weights|Layer)\b/);
  });
});

describe('AlphaSlider log axis', () => {
  it('labels at least three ticks inside any range of the steps chart (random ranges, narrow and wide)', () => {
    const rng = mulberry32(4);
    for (let k = 0; k < 300; k++) {
      const lo = 10 ** (rng() * 4 - 2),
        hi = lo * (1 + 10 ** (rng() * 3 - 2.5));
      const t = logTicks(lo, hi);
      expect(t.length).toBeGreaterThanOrEqual(3);
      for (const v of t) expect(v).toBeGreaterThanOrEqual(lo * 0.99);
      for (const v of t) expect(v).toBeLessThanOrEqual(hi * 1.01);
    }
  });
  it('the drawn steps chart shows those ticks as labels', () => {
    const fig = stepsChart(curve, 0.5, { width: 640, document });
    const texts = new Set([...fig.querySelectorAll('text')].map((t) => t.textContent));
    const values = curve.points.flatMap((p) => [p.stepRatio, p.salientFactor]);
    const ticks = logTicks(Math.min(...values), Math.max(...values));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const v of ticks) expect(texts).toContain(String(sig(v, 2)));
  });
});

describe('ErrorMicroscope bounds', () => {
  it('says why 99 bits are not applied, and accepts the schema range', () => {
    const p = microscopeSchema.params.bits;
    expect(outOfRangeNote(p.label, '99', p)).toMatch(/“99” is not a whole number from 2 to 8/);
    expect(outOfRangeNote(p.label, '3.5', p)).toMatch(/not a whole number/);
    expect(outOfRangeNote(p.label, '', p)).not.toBeNull();
    for (let b = p.min; b <= p.max; b++) expect(outOfRangeNote(p.label, String(b), p)).toBeNull();
  });
});

describe('QuantizeIt and Int4Race sentences', () => {
  it('say the loss against fp32 with its paired interval, the file size and who won the race', () => {
    const rng = mulberry32(2);
    const base = Array.from({ length: 1024 }, () => 3.4 + rng());
    const fp32 = { loss: 3.4172, perplexity: Math.exp(3.4172), sample: 'x', bytes: 3501056, tokenLosses: base };
    const r = {
      bits: 3,
      groupSize: 128,
      method: 'awq' as const,
      loss: 3.4548,
      perplexity: Math.exp(3.4548),
      sample: 'y',
      bytes: 677120,
      meanAlpha: 0.2,
      tokenLosses: base.map((x) => x + 0.0376 + 0.01 * (rng() - 0.5)),
    };
    expect(resultSentence(r, fp32, 1024, 'target-v1')).toMatch(
      /^target-v1 \(trained\), int3, group 128, AWQ \(scale search \+ clipping\): loss 3\.4548 nats\/token against 3\.4172 in fp32 \(\+0\.0376, 95% interval \+0\.03\d+ to \+0\.03\d+; perplexity \+3\.83%\) on 1,024 held-out tokens; file 661 KiB against 3\.3 MiB\.$/,
    );
    expect(row(r, fp32, 'outliers')[3]).toBe('outliers (constructed)');
    // Two runs on the same tokens: a tiny shift is within the noise, a large one is not.
    const near = {
      ...r,
      method: 'rtn' as const,
      // Whole windows better or worse by as much, in pairs: the mean difference is 0, the windows disagree.
      tokenLosses: r.tokenLosses.map((x, i) => x + 0.001 * (1 + (i >> 8)) * ((i >> 7) % 2 ? -1 : 1)),
    };
    const far = { ...r, method: 'rtn' as const, tokenLosses: r.tokenLosses.map((x) => x + 0.05) };
    const run = (result: ExperimentResult) => ({ model: 'target-v1' as const, result, fp32 });
    expect(comparisonSentence(run(near), run(r))).toMatch(/contains 0: on these tokens the two cannot be told apart/);
    expect(comparisonSentence(run(far), run(r))).toMatch(/above 0: this run is worse/);
    expect(comparisonSentence(run(r), run(far))).toMatch(/below 0: this run is better/);
    expect(comparisonSentence({ ...run(r), model: 'outliers' }, run(far))).toMatch(/another model/);
    expect(comparisonSentence(run(r), undefined)).toBe('');
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
    expect(int4Text.zh.race(race)).toMatch(/int4 快 2×。$/);
    expect(int4Text.zh.race({ ...race, speedup: 0.5, int4Ms: 80 })).toMatch(/int4 慢 2×（/);
  });
  it('QuantizeIt in Chinese: the same figures in Chinese sentences, cells and controls on a /zh/ page', async () => {
    const rng = mulberry32(2);
    const base = Array.from({ length: 1024 }, () => 3.4 + rng());
    const fp32 = { loss: 3.4172, perplexity: Math.exp(3.4172), sample: 'x', bytes: 3501056, tokenLosses: base };
    const r = {
      ...{ bits: 3, groupSize: 128, method: 'awq' as const, sample: 'y', bytes: 677120, meanAlpha: 0.2 },
      ...{ loss: 3.4548, perplexity: Math.exp(3.4548), tokenLosses: base.map((x) => x + 0.0376) },
    };
    const en = resultSentence(r, fp32, 1024, 'target-v1');
    const zh = resultSentence(r, fp32, 1024, 'target-v1', 'zh');
    expect(zh).toMatch(
      /^target-v1（训练所得），int3，分组 128，AWQ（缩放搜索 \+ 截断）：损失 3\.4548 nats\/token，fp32 为 3\.4172（\+0\.0376，95% 区间 /,
    );
    const numbers = (x: string) => x.match(/(?<!\w)\d+(?:[.,]\d+)*/g); // not the digits of int3, fp32, target-v1
    expect(numbers(zh)).toEqual(numbers(en)); // the same numbers, in the same order
    expect(row(r, fp32, 'outliers', 'zh').slice(2, 4)).toEqual(['AWQ（缩放搜索 + 截断）', 'outliers（人为构造）']);
    const run = (result: ExperimentResult) => ({ model: 'target-v1' as const, result, fp32 });
    const worse = { ...r, tokenLosses: r.tokenLosses.map((x) => x + 0.05) };
    expect(comparisonSentence(run(worse), run(r), 'zh')).toMatch(/^与上一次运行（int3，分组 128，AWQ.*更差。$/);
    const el = await mountZh(QuantizeIt, () => import('../../site/widgets/quantize-it/element.ts'));
    expect(el.querySelector('label[for$="method"]')!.textContent).toBe('方法');
    expect(el.querySelector('select[id$="method"] option[value="rtn"]')!.textContent).toBe('就近舍入（RTN）');
    expect(el.querySelector('[data-out="result"]')!.textContent).toMatch(/^target-v1（训练所得），int3，分组 128，AWQ/);
    expect(el.querySelector('[data-runs] td')!.textContent).toBe('128');
    expect(shownWords(el)).not.toMatch(/\b(Round to nearest|measured on our model|held-out|greedy|Prompt)\b/);
  });
});
