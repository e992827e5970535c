// @vitest-environment jsdom-ssr
// HotColdCurve in the Chinese edition: on a Chinese page the shell and the element write Chinese (table, rule,
// budget, profile of the reader's text, chart), with book titles and the cited hardware sources marked lang="en".
import { afterEach, describe, expect, it, vi } from 'vitest';
import HotColdCurve from '../../site/widgets/hot-cold-curve/HotColdCurve.astro';
import { curveChart } from '../../site/widgets/hot-cold-curve/chart.ts';
import { text } from '../../site/widgets/hot-cold-curve/text.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

const fakeWorker = {
  /** sparsity.profile: every layer's frequencies reversed, so the overlaps are computed, not zero or one. */
  request: async (_type: string, p: { text: string }) => {
    const shipped = JSON.parse(document.querySelector('hot-cold-curve script[data-json]')!.textContent!);
    return {
      tokens: Math.min(2048, p.text.length),
      totalTokens: p.text.length,
      frequency: shipped.moby.frequency.map((f: number[]) => Float32Array.from([...f].reverse())),
    };
  },
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu' }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
const settle = () => new Promise((r) => setTimeout(r, 30));
afterEach(leaveChinese);
const ALLOWED = [
  'FFN',
  'GPU',
  'CPU',
  'KiB',
  'fp16',
  'fp32',
  'C_l',
  'OPT-30B',
  'PowerInfer',
  'PC-High',
  'public',
  'models',
  'Moby',
  'Dick',
  'worker',
];

describe('HotColdCurve in Chinese', () => {
  it('on a Chinese page the shell and the element write Chinese; profiling the reader’s text reports in Chinese', async () => {
    const el = await mountChinese(HotColdCurve, 'hot-cold-curve');
    expect(el.querySelector('tr[data-method="hottest"] th')!.textContent).toBe('最热优先');
    expect(el.querySelector('[data-out="rule"]')!.textContent!.trim()).toMatch(/^C_l = .* 个神经元/);
    await import('../../site/widgets/hot-cold-curve/element.ts');
    for (let i = 0; i < 50 && el.dataset.state !== 'done'; i++) await settle();
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(/^预算为神经元的 20%/);
    el.querySelector<HTMLButtonElement>('[data-action="profile"]')!.click();
    expect(el.querySelector('[data-progress]')!.textContent).toBe(text.zh.emptyText);
    el.querySelector<HTMLTextAreaElement>('textarea')!.value = 'Call me Ishmael. '.repeat(20);
    el.querySelector<HTMLButtonElement>('[data-action="profile"]')!.click();
    for (let i = 0; i < 50 && el.dataset.profile !== 'done'; i++) await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^已分析你的文本中的 340 个词元；/);
    expect(el.querySelector('[data-summary]')!.textContent).toMatch(
      /^你的文本的前 20% 热集合与 Moby Dick 的重叠：第 0 层 /,
    );
    // The other text's title is English by nature: marked lang="en" in the table, quoted in its aria-label.
    const title = el.querySelector('thead span[lang="en"]')?.textContent?.split(/[^A-Za-z'-]+/) ?? [];
    expect(englishLeft(el, [...ALLOWED, ...title])).toEqual([]);
  });

  it('the chart’s series, axes and description are Chinese', () => {
    const freq = [0, 1].map((l) => Array.from({ length: 64 }, (_, i) => 1 / (1 + i + l)));
    const fig = curveChart(
      freq,
      { layers: [0.3, 0.4], all: 0.35 },
      { width: 375, document, budget: 0.2, paper: [{ x: 0.26, y: 0.8, label: text.zh.paper }], lang: 'zh' },
    );
    expect(fig.textContent).toContain('第 1 层');
    expect(fig.textContent).toContain('神经元占比（从最热开始）');
    const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-description')).toBe(
      '我们的模型：80% 的激活来自 第 0 层的 30%、第 1 层的 40%；所有层合计 35%。OPT-30B（论文）：26% 的神经元贡献 80%。',
    );
    expect(englishLeft(fig, ALLOWED)).toEqual([]);
  });
});
