import { describe, expect, test } from 'vitest';
import { statText } from '../../../site/widgets/stat/format.ts';

describe('statText (what <Stat> and plainStat print)', () => {
  test('a share in [0, 1] with "%" is shown ×100, to 3 significant digits for our own numbers', () => {
    expect(statText({ value: 0.61734, unit: '%', source: 'measured' })).toBe('61.7%');
    expect(statText({ value: 0.26, unit: '%', source: 'paper' })).toBe('26%');
    expect(statText({ value: 42.5, unit: '%', source: 'measured' })).toBe('42.5%');
  });

  test('a word unit follows a no-break space; paper values keep their digits unless told', () => {
    expect(statText({ value: 2.25, unit: 'GB/s', source: 'paper' })).toBe('2.25\u00a0GB/s');
    expect(statText({ value: 1.23456, unit: 'ms', source: 'modelled', digits: 2 })).toBe('1.2\u00a0ms');
    expect(statText({ value: Math.PI, unit: '×', source: 'measured' })).toBe('3.14×');
  });

  test('large numbers get thousands separators; strings pass through; "—" drops its unit', () => {
    expect(statText({ value: 123456.7, unit: 'tokens', source: 'measured' })).toBe('123,000\u00a0tokens');
    expect(statText({ value: 'more than 90', unit: '%', source: 'paper' })).toBe('more than 90%');
    expect(statText({ value: '—', unit: 'GB/s', source: 'measured' })).toBe('—');
  });
});
