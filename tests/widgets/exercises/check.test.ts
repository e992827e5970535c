// The answer checks behind <Problem>: reading what a reader types, tolerances, and widget settings.
import { describe, expect, it } from 'vitest';
import {
  compareNumber,
  compareSetting,
  normalizeSetting,
  readNumber,
} from '../../../site/components/exercises/check.ts';
import { text } from '../../../site/components/exercises/text.ts';
import { mulberry32 } from '../../../lib/random.ts';

describe('readNumber', () => {
  it('reads plain, grouped, signed and exponent forms', () => {
    expect(readNumber('1048576')).toBe(1048576);
    expect(readNumber(' 1,048,576 ')).toBe(1048576);
    expect(readNumber('1 048 576')).toBe(1048576);
    expect(readNumber('2.5e6')).toBe(2.5e6);
    expect(readNumber('−0.3')).toBe(-0.3);
    expect(readNumber('.5')).toBe(0.5);
  });
  it('refuses a unit, a fraction, an empty box or a misplaced comma instead of guessing', () => {
    for (const bad of ['', '12 MiB', '1/3', '1,2', 'abc', '3.2×', '1,0485,76']) expect(readNumber(bad)).toBeNaN();
  });
});

describe('compareNumber', () => {
  it('accepts exactly the values within the tolerance, on random answers', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const answer = (rand() - 0.3) * 10 ** Math.floor(rand() * 12 - 4);
      const tol = [0, 0.001, 0.01, 0.05][i % 4];
      const inside = answer * (1 + tol * (2 * rand() - 1) * 0.999);
      const outside = answer * (1 + tol * (1.01 + rand())) + (tol === 0 ? Math.abs(answer) * 1e-6 + 1e-9 : 0);
      expect(compareNumber(inside, answer, tol)).toBe('right');
      const v = compareNumber(outside, answer, tol);
      expect(v).toBe(outside > answer ? 'high' : 'low');
    }
  });
  it('says which side a wrong answer is on, and never grades NaN', () => {
    expect(compareNumber(11, 10, 0.05)).toBe('high');
    expect(compareNumber(9, 10, 0.05)).toBe('low');
    expect(compareNumber(Number.NaN, 10, 0.05)).toBe('unreadable');
  });
  it('takes an exact integer answer typed in full', () => {
    expect(compareNumber(readNumber('18,874,368'), 18874368, 0)).toBe('right');
    expect(compareNumber(readNumber('18,874,369'), 18874368, 0)).toBe('high');
  });
});

describe('compareSetting', () => {
  it('treats the ways of writing one tree shape as equal', () => {
    expect(normalizeSetting('⟨2, 1, 4⟩')).toBe(normalizeSetting('2,1,4'));
    expect(compareSetting('<2,1,4>', ['1,1,10', '2,1,4'], 0)).toBe('right');
    expect(compareSetting('2,2,2', ['1,1,10', '2,1,4'], 0)).toBe('wrong');
  });
  it('compares numeric settings with the tolerance', () => {
    expect(compareSetting(0.35, 0.35, 0)).toBe('right');
    expect(compareSetting(0.4, 0.35, 0.1)).toBe('high');
    expect(compareSetting('7', 7, 0)).toBe('right');
  });
});

it('the tolerance sentence states the tolerance as a percent, with the same digits in both editions', () => {
  const { en, zh } = text;
  expect(en.tolerance(0)).toBe('Checked exactly.');
  expect(en.tolerance(0.02)).toBe('Checked to within ±2% of the answer.');
  expect(en.tolerance(0.005)).toBe('Checked to within ±0.5% of the answer.');
  expect(zh.tolerance(0)).toBe('要求完全一致。');
  expect(zh.tolerance(0.02)).toBe('与答案相差不超过 ±2% 即算正确。');
  expect(zh.tolerance(0.005)).toBe('与答案相差不超过 ±0.5% 即算正确。');
});
