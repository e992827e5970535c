// @vitest-environment jsdom-ssr
// FfnRace in the Chinese edition: the plan and the race's summary say the English edition's numbers, and on a
// Chinese page the shell and the element write Chinese (table, stats, progress, summary, chart).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import type { KernelName } from '../../lib/sparsity/race.ts';
import FfnRace from '../../site/widgets/ffn-race/FfnRace.astro';
import { speedupChart } from '../../site/widgets/ffn-race/chart.ts';
import { text } from '../../site/widgets/ffn-race/text.ts';
import { englishLeft, leaveChinese, mountChinese, numbersIn, settle } from './zh-shell.ts';

/** One kernel's side of a race at `sparsity`, as lib/sparsity/race.ts reports it. */
const side = (backend: string, sparsity: number, denseMs = 2) => ({
  kernel: (backend === 'js' || backend === 'simd' ? backend : 'tfjs') as KernelName,
  layer: 0,
  backend,
  denseMs,
  sparseMs: denseMs * (1 - sparsity) + 0.01,
  speedup: denseMs / (denseMs * (1 - sparsity) + 0.01),
  maxAbsDiff: sparsity / 1e6,
  activeCount: Math.round(512 * (1 - sparsity)),
  trueActiveCount: 150,
  sparsity,
  idealSpeedup: 1 / (1 - sparsity),
});
const fakeWorker = {
  request: async (_type: string, p: { sparsity?: number }) => {
    const s = p.sparsity ?? 1 - 150 / 512;
    return { js: side('js', s), simd: side('simd', s, 0.2), tfjs: side('cpu', s, 3) };
  },
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu' }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
afterEach(leaveChinese);

describe('FfnRace in Chinese', () => {
  it('the plan and the summary say the English numbers, for random races', () => {
    const rand = mulberry32(3);
    for (let k = 0; k < 50; k++) {
      const s = rand() * 0.99;
      const [js, simd, tf] = [side('js', s, 1 + rand()), side('simd', s, rand()), side('wasm', s, 1 + rand())];
      for (const maybeSimd of [simd, null])
        expect(numbersIn(text.zh.summary(js, maybeSimd, tf, 512))).toEqual(
          numbersIn(text.en.summary(js, maybeSimd, tf, 512)),
        );
      const active = 1 + Math.floor(rand() * 511);
      expect(numbersIn(text.zh.plan(k % 4, active, 512))).toEqual(numbersIn(text.en.plan(k % 4, active, 512)));
    }
  });

  it('on a Chinese page the shell and the element write Chinese, and nothing outside lang="en" is English', async () => {
    const el = await mountChinese(FfnRace, 'ffn-race');
    expect(el.querySelector('[data-plan]')!.textContent).toMatch(/^对参赛的词元而言，第 0 层的 /);
    await import('../../site/widgets/ffn-race/element.ts');
    for (let i = 0; i < 60 && el.dataset.state !== 'done'; i++) await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toBe(
      '已在 cpu 上完成。稀疏结果与稠密结果在舍入误差内一致。',
    );
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^计算了 512 个神经元中的 150 个/);
    expect(el.querySelector('[data-out="tfname"]')!.textContent).toBe('TensorFlow.js（cpu），gather');
    expect(el.querySelector('tr[data-kernel="simd"] th')!.textContent).toBe('WebAssembly SIMD 循环');
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/WebAssembly SIMD：稠密 /);
    expect(
      englishLeft(el, [
        'TensorFlow.js',
        'WebAssembly',
        'SIMD',
        'gather',
        'cpu',
        'FFN',
        'W_up',
        'W_down',
        'public',
        'models',
      ]),
    ).toEqual([]);
  });

  it('the chart’s axes, ideal curve and description are Chinese', () => {
    const fig = speedupChart(
      [0.5, 0.9].flatMap((s) => [
        { sparsity: s, kernel: text.zh.plainJs, speedup: 1.5 / (1 - s) },
        { sparsity: s, kernel: text.zh.tfOn('cpu'), speedup: 1 },
      ]),
      { width: 375, document },
      'zh',
    );
    expect(fig.textContent).toContain('跳过的神经元比例');
    expect(fig.textContent).toContain('理想 1 / (1 − s)');
    const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-description')).toMatch(/^跳过 50%：纯 JS /);
    expect(englishLeft(fig, ['TensorFlow.js', 'cpu', 'FFN'])).toEqual([]);
  });
});
