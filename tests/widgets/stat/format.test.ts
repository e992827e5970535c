import { describe, expect, test } from 'vitest';
import { statText } from '../../../site/widgets/stat/format.ts';

describe('statText (what <Stat> and plainStat print)', () => {
  test('"share" is a share of 1, shown ×100; "percent" is shown as given, whatever the size of the value', () => {
    expect(statText({ value: 0.61734, unit: 'share', source: 'measured' })).toBe('61.7%');
    expect(statText({ value: 0.26, unit: 'share', source: 'paper' })).toBe('26%');
    expect(statText({ value: 0.006, unit: 'share', source: 'measured' })).toBe('0.6%');
    expect(statText({ value: 1.46, unit: 'share', source: 'measured' })).toBe('146%');
    // The lesson-5 case: a rise of 0.6 percent is 0.6%, not 60%.
    expect(statText({ value: 0.6, unit: 'percent', source: 'measured' })).toBe('0.6%');
    expect(statText({ value: 42.5, unit: 'percent', source: 'measured' })).toBe('42.5%');
    expect(statText({ value: 'more than 90', unit: 'percent', source: 'paper' })).toBe('more than 90%');
  });

  test('share and percent agree on random values: share v prints as percent 100·v', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 0.5;
    for (let i = 0; i < 200; i++) {
      const v = next();
      expect(statText({ value: v, unit: 'share', source: 'measured' })).toBe(
        statText({ value: v * 100, unit: 'percent', source: 'measured' }),
      );
    }
  });

  test('a bare "%" is refused, and a share cannot be a preformatted string', () => {
    expect(() => statText({ value: 0.6, unit: '%', source: 'measured' })).toThrow(/"share".*"percent"/);
    expect(() => statText({ value: '62–70', unit: 'share', source: 'paper' })).toThrow(/needs a number/);
    expect(statText({ value: '—', unit: 'share', source: 'measured' })).toBe('—');
  });

  test('a word unit follows a no-break space; paper values keep their digits unless told', () => {
    expect(statText({ value: 2.25, unit: 'GB/s', source: 'paper' })).toBe('2.25\u00a0GB/s');
    expect(statText({ value: 1.23456, unit: 'ms', source: 'modelled', digits: 2 })).toBe('1.2\u00a0ms');
    expect(statText({ value: Math.PI, unit: '×', source: 'measured' })).toBe('3.14×');
  });

  test('large numbers get thousands separators; strings pass through; "—" drops its unit', () => {
    expect(statText({ value: 123456.7, unit: 'tokens', source: 'measured' })).toBe('123,000\u00a0tokens');
    expect(statText({ value: '—', unit: 'GB/s', source: 'measured' })).toBe('—');
  });
});
