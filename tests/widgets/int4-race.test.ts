// @vitest-environment jsdom-ssr
// Int4Race in the Chinese edition: the race sentence says the English edition's numbers, and on a Chinese page the
// shell (bench table, first sentence) and the element (race, stale line) write Chinese.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Int4RaceResult } from '../../lib/quant/race.ts';
import { mulberry32 } from '../../lib/random.ts';
import Int4Race from '../../site/widgets/int4-race/Int4Race.astro';
import { text } from '../../site/widgets/int4-race/text.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

const race = (size: string): Int4RaceResult => ({
  inDim: size === 'large' ? 4096 : 512,
  outDim: size === 'large' ? 4096 : 128,
  fp32Ms: 0.04,
  int4Ms: 0.02,
  speedup: 2,
  fp32Bytes: 4 * 512 * 128,
  int4Bytes: 40_000,
});
const fakeWorker = {
  request: async (_type: string, p: { size: string }) => race(p.size),
  onStatus: () => () => {},
  ready: Promise.resolve({ name: 'cpu' }),
};
vi.mock('../../site/worker/client.ts', () => ({ modelWorker: () => fakeWorker, backendUrlNote: () => undefined }));
const settle = () => new Promise((r) => setTimeout(r, 30));
afterEach(leaveChinese);
const numbersIn = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();

describe('Int4Race in Chinese', () => {
  it('the race sentence carries the English numbers, faster or slower', () => {
    const rand = mulberry32(11);
    for (let k = 0; k < 50; k++) {
      const r = { ...race('small'), fp32Ms: rand(), int4Ms: rand() };
      r.speedup = r.fp32Ms / r.int4Ms;
      expect(numbersIn(text.zh.race(r))).toEqual(numbersIn(text.en.race(r)));
    }
  });

  it('on a Chinese page the shell and the element write Chinese; a race and a size change read in Chinese', async () => {
    const el = await mountChinese(Int4Race, 'int4-race');
    expect(el.querySelector('[data-out="race"]')!.textContent).toMatch(/^在我们的构建机器上，纯 JS：/);
    expect(el.querySelector('tbody th')!.getAttribute('lang')).toBe('en');
    await import('../../site/widgets/int4-race/element.ts');
    for (let i = 0; i < 50 && el.dataset.state !== 'ready'; i++) await settle();
    const button = el.querySelector<HTMLButtonElement>('[data-run]')!;
    expect(button.textContent).toBe('在我的浏览器中比较');
    button.click();
    for (let i = 0; i < 50 && el.dataset.state !== 'done'; i++) await settle();
    expect(el.querySelector('[data-out="race"]')!.textContent).toBe(`在你的浏览器中：${text.zh.race(race('small'))}`);
    const size = el.querySelector<HTMLSelectElement>('select')!;
    size.value = 'large';
    size.dispatchEvent(new Event('change'));
    await settle();
    expect(el.querySelector('[data-progress]')!.textContent).toBe(
      '上面的比较结果属于另一种大小：请按“在我的浏览器中比较”。',
    );
    expect(
      englishLeft(el, [
        'mlp.down',
        'npm',
        'run',
        'bench',
        'fp32',
        'int4',
        'g64',
        'KiB',
        'MiB',
        'target-v1',
        'attn.qkv',
      ]),
    ).toEqual([]);
  });
});
