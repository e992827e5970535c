// @vitest-environment jsdom-ssr
// VecMatViews in the Chinese edition: every sentence of every step says the English edition's numbers, and on a
// Chinese page the shell and the element write Chinese (labels, steps, costs, warnings, notes).
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/random.ts';
import type { ViewName } from '../../lib/vecmat.ts';
import VecMatViews from '../../site/widgets/vecmat-views/VecMatViews.astro';
import { frame, M, N, totalSteps } from '../../site/widgets/vecmat-views/model.ts';
import { englishLeft, leaveChinese, mountChinese } from './zh-shell.ts';

afterEach(leaveChinese);
const settle = () => new Promise((r) => setTimeout(r, 30));
/** The numbers in a sentence (ASCII digits; subscripts are names), sorted: both editions must show the same ones. */
const numbersIn = (s: string) => (s.match(/-?\d+(?:[,.]\d+)*/g) ?? []).sort();

describe('VecMatViews in Chinese', () => {
  it('on random states, each Chinese sentence has the English one’s numbers and no English words', () => {
    const rand = mulberry32(7);
    const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
    for (let k = 0; k < 200; k++) {
      const view = (['elements', 'rows', 'columns'] as ViewName[])[k % 3];
      const x = Array.from({ length: N }, () => (rand() < 0.4 ? 0 : int(-9, 9)));
      const W = Array.from({ length: N }, () => Array.from({ length: M }, () => int(-9, 9)));
      const skip = Array.from({ length: M }, (_, j) => j).filter(() => rand() < 0.3);
      const state = { x, W, view, skip, pos: int(0, totalSteps(view)) };
      const en = frame(state, 'en'),
        zh = frame(state, 'zh');
      for (const part of ['stepText', 'costText', 'summary'] as const) {
        expect(numbersIn(zh[part])).toEqual(numbersIn(en[part]));
        expect(zh[part].match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
      }
      expect(zh.warnings.map(numbersIn)).toEqual(en.warnings.map(numbersIn));
      expect(zh.warnings.join('').match(/[A-Za-z]{3,}/g) ?? []).toEqual(zh.warnings.map(() => 'ReLU'));
      expect(zh.tex.replace(/\\text\{[^}]*\}/g, '')).toBe(en.tex.replace(/\\text\{[^}]*\}/g, ''));
    }
  });

  it('on a Chinese page the shell and the element write Chinese, and Step says its step in Chinese', async () => {
    const el = await mountChinese(VecMatViews, 'vecmat-views', { x: '2,0,1', seed: 1, view: 'rows' });
    expect(el.querySelector('[data-cost]')!.textContent).toMatch(/^跳过的行：3 行中的 1 行（第 2 行）/);
    await import('../../site/widgets/vecmat-views/element.ts');
    for (let i = 0; i < 50 && el.dataset.ready !== 'true'; i++) await settle();
    el.querySelector<HTMLButtonElement>('[data-action="step"]')!.click();
    expect(el.querySelector('[data-step-text]')!.textContent).toMatch(/^第 1 步（共 3 步）：加上 2 × 第 1 行 = /);
    const seed = el.querySelector<HTMLInputElement>('input[id$="-seed"]')!;
    seed.value = '-4';
    seed.dispatchEvent(new Event('input'));
    expect(el.querySelector('[data-notes]')!.textContent).toContain('随机种子必须是 0 到 99999 之间的整数。');
    expect(englishLeft(el, ['ReLU', 'vecmat'])).toEqual([]); // vecmat: the widget's URL key, in both editions
  });
});
