// @vitest-environment jsdom-ssr
// VecMatScale in the Chinese edition: the shell's plan, table and stats, and the element's progress line, summary
// and chart, written in Chinese with the English edition's numbers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import VecMatScale from '../../site/widgets/vecmat-scale/VecMatScale.astro';
import { timingChart } from '../../site/widgets/vecmat-scale/chart.ts';
import { scalePlan } from '../../site/widgets/vecmat-scale/model.ts';
import { text } from '../../site/widgets/vecmat-scale/text.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

const fakeWorker = {
  request: async (_type: string, p: { n: number; m: number; zeroFraction: number }) => ({
    backend: 'cpu',
    n: p.n,
    denseMs: 4,
    gatherMs: 4 * (1 - p.zeroFraction) + 0.5,
    loopDenseMs: 8,
    loopSkipMs: 8 * (1 - p.zeroFraction) + 0.25,
    rowsRead: Math.round(p.n * (1 - p.zeroFraction)),
    maxAbsDiff: 0,
    loopMaxAbsDiff: 0,
  }),
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu' }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
const settle = () => new Promise((r) => setTimeout(r, 30));
afterEach(leaveChinese);

/** The numbers in a sentence, sorted: both editions must show the same ones. */
const numbersIn = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();

describe('VecMatScale in Chinese', () => {
  it('the plan and the ratios say the English edition’s numbers', () => {
    for (const [n, m, z] of [
      [1024, 1024, 0.9],
      [7, 4096, 0.5],
      [4096, 1, 0],
    ]) {
      const p = scalePlan(n, m, z);
      for (const k of ['setup', 'dense', 'gather'] as const)
        expect(numbersIn(text.zh.plan(p)[k])).toEqual(numbersIn(text.en.plan(p)[k]));
    }
    expect(text.en.ratio(5, 2)).toBe('2.5× faster');
    expect(text.zh.ratio(5, 2)).toBe('快了 2.5×');
    expect(text.zh.ratio(2, 5)).toBe('慢了 2.5×');
    expect(text.zh.ratio(0, 5)).toBe('在这个规模下快得无法计时');
  });

  it('on a Chinese page the shell and the element write Chinese, and nothing outside lang="en" is English', async () => {
    const el = await mountChinese(VecMatScale, 'vecmat-scale');
    expect(el.querySelector('[data-plan-dense]')!.textContent).toBe(text.zh.plan(scalePlan(1024, 1024, 0.9)).dense);
    expect(el.querySelector('label')!.textContent).toBe('n（W 的行数）');
    await import('../../site/widgets/vecmat-scale/element.ts');
    for (let i = 0; i < 50 && !el.querySelector('[data-summary]')!.textContent; i++) await settle();
    const said = el.querySelector('[data-summary]')!.textContent!;
    expect(said).toMatch(/^后端 cpu。零值占 90% 时，读取 1,024 行中的 102 行/);
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^已在 cpu 上完成/);
    expect(el.querySelector('[data-out="rows"]')!.textContent).toBe('1,024 行中的 102 行');
    expect(
      englishLeft(el, ['TensorFlow.js', 'tf.gather', 'cpu', 'gather', 'tfjs', 'worker', 'KiB', 'MiB', 'fp32']),
    ).toEqual([]);
  });

  it('the chart’s axes, legend and description are Chinese', () => {
    const data = [0, 0.9].flatMap((zeros) =>
      (['dense', 'gather', 'loopDense', 'loopSkip'] as const).map((method, i) => ({ zeros, method, ms: i + 1 })),
    );
    const fig = timingChart(data, { width: 375, document }, 'zh');
    expect(fig.textContent).toContain('x 中零值的比例');
    expect(fig.textContent).toContain('JS 循环，非零行');
    const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-description')).toMatch(/^零值占 0%：tfjs 稠密 /);
    expect(englishLeft(fig, ['tfjs', 'gather', 'JS', 'ms'])).toEqual([]);
  });
});
