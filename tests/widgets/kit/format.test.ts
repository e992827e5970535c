// One unit convention for every number a widget prints.
import { describe, expect, it } from 'vitest';
import {
  bandwidth,
  bytes,
  count,
  largeCount,
  duration,
  percent,
  perSecond,
  probability,
  signedPercent,
  times,
  token,
  tokenChip,
  tokenQuote,
} from '../../../site/widgets/_kit/format.ts';

describe('format', () => {
  it('bytes in binary units', () => {
    expect(bytes(24)).toBe('24 B');
    expect(bytes(1024)).toBe('1 KiB');
    expect(bytes(2.5 * 1024)).toBe('2.5 KiB');
    expect(bytes(417792)).toBe('408 KiB');
    expect(bytes(4 * 2 ** 20)).toBe('4 MiB');
    expect(bytes(3 * 2 ** 30)).toBe('3 GiB');
    expect(bandwidth(1e9)).toBe('1 GB/s');
    expect(bandwidth(450e6)).toBe('450 MB/s');
    expect(bandwidth(67.2e9)).toBe('67.2 GB/s');
  });
  it('shares as percents, tiny ones with two significant digits', () => {
    expect(percent(0.4567)).toBe('45.7%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(0.00012)).toBe('0.012%');
    expect(percent(-0)).toBe('0%');
    expect(percent(0.5, 0)).toBe('50%');
    expect(signedPercent(0.0025)).toBe('+0.25%');
    expect(signedPercent(-0.01)).toBe('−1%');
  });
  it('times from milliseconds', () => {
    expect(duration(0.0041)).toBe('4.1 µs');
    expect(duration(1.234)).toBe('1.23 ms');
    expect(duration(2345)).toBe('2.35 s');
    expect(duration(0)).toBe('0 ms');
  });
  it('counts, ratios, rates, tokens; anything not finite is a dash', () => {
    expect(count(1048576)).toBe('1,048,576');
    expect(times(3.2412)).toBe('3.24×');
    expect(perSecond(123.4)).toBe('123 tokens/s');
    expect(token(' the\n')).toBe('"·the↵"');
    expect(tokenChip('\t')).toBe('⇥');
    expect(tokenChip('')).toBe('∅');
    expect(tokenQuote(' whale\n')).toBe("' whale\\n'");
    expect(probability(0.3141)).toBe('0.31');
    expect(probability(0.0042)).toBe('0.004');
    expect(probability(0)).toBe('0');
    for (const f of [bytes, percent, duration, count, times]) expect(f(NaN)).toBe('–');
  });
});

describe('largeCount', () => {
  it('writes a large count in millions in English, in 万 or 亿 in Chinese, three significant digits', () => {
    expect(largeCount(2_151_234)).toBe('2.15 million');
    expect(largeCount(2_151_234, 'zh')).toBe('215 万');
    expect(largeCount(1_000_000, 'zh')).toBe('100 万');
    expect(largeCount(123_456_789, 'zh')).toBe('1.23 亿');
    expect(largeCount(999_999)).toBe('999,999');
    expect(largeCount(9_999, 'zh')).toBe('9,999');
    expect(largeCount(Number.NaN, 'zh')).toBe(count(Number.NaN));
  });
});
