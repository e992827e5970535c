// @vitest-environment jsdom-ssr
// NeuronHeatmap in the Chinese edition: the token and layer sentences say the English edition's numbers, and on a
// Chinese page the shell and the element write Chinese, with the prompt and its tokens marked lang="en".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import NeuronHeatmap from '../../site/widgets/neuron-heatmap/NeuronHeatmap.astro';
import { zeroChart } from '../../site/widgets/neuron-heatmap/chart.ts';
import { text } from '../../site/widgets/neuron-heatmap/text.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

/** sparsity.tracePrompt: one token per word, every other neuron firing for even tokens. */
function trace(prompt: string) {
  const { nLayer, nFfn } = JSON.parse(document.querySelector('neuron-heatmap script[data-json]')!.textContent!);
  const tokens = prompt
    .split(' ')
    .filter(Boolean)
    .map((w, id) => ({ id, text: ` ${w}` }));
  const words = nFfn / 32;
  const bits = Array.from({ length: nLayer }, () =>
    Uint32Array.from({ length: tokens.length * words }, (_, k) => (Math.floor(k / words) % 2 ? 0 : 0x55555555)),
  );
  const zeroFraction = bits.map(() => Float32Array.from(tokens, (_, t) => (t % 2 ? 1 : 0.5)));
  const n = tokens.length;
  return {
    nLayer,
    nFfn,
    tokens,
    totalTokens: n,
    charsShown: prompt.length,
    totalChars: prompt.length,
    words,
    bits,
    zeroFraction,
  };
}
const fakeWorker = {
  request: async (_type: string, p: { text: string }) => trace(p.text),
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu' }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
const settle = () => new Promise((r) => setTimeout(r, 30));
afterEach(leaveChinese);
const numbersIn = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();
const ALLOWED = ['FFN', 'ReLU', 'W_down', 'Moby', 'Dick', 'worker', 'target-v1', 'cpu'];

describe('NeuronHeatmap in Chinese', () => {
  it('the token and layer sentences carry the English numbers, on random counts', () => {
    const rand = mulberry32(5);
    for (let k = 0; k < 50; k++) {
      const nFfn = 64 * (1 + Math.floor(rand() * 16));
      const fired = Math.floor(rand() * nFfn);
      const t = Math.floor(rand() * 128);
      for (const part of ['fired', 'skipped'] as const)
        expect(numbersIn(text.zh.token({ text: ' whale' }, t, k % 8, fired, nFfn)[part])).toEqual(
          numbersIn(text.en.token({ text: ' whale' }, t, k % 8, fired, nFfn)[part]),
        );
      const z = { mean: rand(), min: rand() / 2, max: 0.5 + rand() / 2 };
      expect(numbersIn(text.zh.layer(k % 8, t + 1, z))).toEqual(numbersIn(text.en.layer(k % 8, t + 1, z)));
    }
  });

  it('on a Chinese page the shell and the element write Chinese; a new prompt is measured and reported in Chinese', async () => {
    const el = await mountChinese(NeuronHeatmap, 'neuron-heatmap', { layer: 1 });
    expect(el.querySelector('[data-out="layer"]')!.textContent).toMatch(/^第 1 层，\d+ 个词元：平均每个词元有 /);
    expect(el.querySelector('select[id$="-layer"] option')!.textContent).toBe('第 0 层');
    await import('../../site/widgets/neuron-heatmap/element.ts');
    for (let i = 0; i < 50 && el.dataset.state !== 'done'; i++) await settle();
    const prompt = el.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(prompt.lang).toBe('en');
    prompt.value = 'Call me Ishmael some years ago';
    prompt.dispatchEvent(new Event('input'));
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(/^正在用 .+ 运行你的提示词…$/);
    for (let i = 0; i < 60 && el.dataset.tokens !== '6'; i++) await settle();
    await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toMatch(
      /^在你的浏览器中于 .+（cpu 后端）上测得：6 个词元。$/,
    );
    expect(el.querySelector('[data-out="fired"]')!.textContent).toMatch(/^词元 0 ' Call'，第 1 层：/);
    const chip = el.querySelector<HTMLElement>('[data-tokens] [data-i="2"]')!;
    expect(chip.title).toBe('词元 2：零值占 50%');
    expect(chip.querySelector('[lang="en"]')!.textContent).toBe('·Ishmael');
    const tokenWords = ['Call', 'Ishmael', 'some', 'years', 'ago']; // quoted in the token sentence
    expect(englishLeft(el, [...ALLOWED, ...tokenWords])).toEqual([]);
  });

  it('the chart’s axes and description are Chinese', () => {
    const fig = zeroChart(Float32Array.from([0.9, 0.8, 0.95]), 2, 1, { width: 375, document }, 'zh');
    expect(fig.textContent).toContain('这一层中的零值');
    const svg = fig.localName === 'svg' ? fig : fig.querySelector(':scope > svg')!;
    expect(svg.getAttribute('aria-label')).toBe('第 2 层每个词元的零值神经元占比');
    expect(englishLeft(fig)).toEqual([]);
  });
});
