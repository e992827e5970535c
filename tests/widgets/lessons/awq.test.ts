// Lesson 6's facts module: typed lookups over the committed AWQ measurements, checked against their definitions.
import { describe, expect, test } from 'vitest';
import * as f from '../../../lessons/facts/awq.ts';

describe('lesson 6 facts (lessons/facts/awq.ts)', () => {
  test('the measurements are there, and lookups return numbers', () => {
    expect(f.fp32?.loss).toBeTypeOf('number');
    const rtn = f.grid('rtn', 3, 128);
    expect(rtn?.loss).toBeTypeOf('number');
    expect(f.grid('rtn', 7, 128)).toBeUndefined();
  });

  test('gain is the share of RTN’s loss increase a method wins back (0 for RTN itself)', () => {
    expect(f.gain('rtn', 3, 128)).toBeCloseTo(0, 12);
    const awq = f.grid('awq', 3, 128)!;
    const rtn = f.grid('rtn', 3, 128)!;
    expect(f.gain('awq', 3, 128)).toBeCloseTo((rtn.loss - awq.loss) / (rtn.loss - f.fp32!.loss), 12);
  });

  test('keepSpread and keepGap agree: spread = exp(gap) − 1 at int3 g128', () => {
    const gap = f.keepGap(3, 128);
    const spread = f.keepSpread(0.01);
    expect(gap).toBeTypeOf('number');
    expect(spread).toBeCloseTo(Math.expm1(gap!), 12);
    expect(spread!).toBeGreaterThanOrEqual(0);
  });

  test('the bench file’s "1.09–1.10" strings are read once into numbers; anything else is NaN', () => {
    expect(f.speedupRange({ 'speedup range (3 races)': '1.09–1.10' })).toEqual({ lo: 1.09, hi: 1.1 });
    expect(f.speedupRange({ 'speedup range (3 races)': '2-3' })).toEqual({ lo: 2, hi: 3 });
    expect(Number.isNaN(f.speedupRange({ 'speedup range (3 races)': 'one race' }).lo)).toBe(true);
    expect(Number.isNaN(f.lo(undefined))).toBe(true);
    for (const r of f.bench.filter((x) => String(x.kernel).startsWith('plain JS'))) {
      expect(f.lo(r)).toBeLessThanOrEqual(f.hi(r));
    }
  });

  test('text helpers go through the kit formatters: signed deltas, percents, binary bytes', () => {
    expect(f.delta({ loss: f.fp32!.loss + 0.0377 })).toBe('+0.0377');
    expect(f.delta({ loss: f.fp32!.loss - 0.001 })).toBe('−0.001');
    expect(f.kib(2048)).toBe('2 KiB');
    expect(f.recovered('rtn', 3, 128)).toBe('0%');
    expect(f.pplUp({ loss: f.fp32!.loss })).toBe('0%');
  });

  test('the paired comparison: RTN takes back none of its own loss, intervals print signed, the sign of 0 is +', () => {
    expect(f.CMP.trained).toBeTruthy();
    expect(f.takesBack('trained', 'rtn')).toBeCloseTo(0, 12);
    expect(f.riseRatio).toBeCloseTo(f.rtnRise('outliers')! / f.rtnRise('trained')!, 12);
    expect(f.sgn(-0.01234)).toBe('−0.0123');
    expect(f.sgn(0.0002)).toBe('+0.00020');
    expect(f.ci({ mean: 0.01, lo: 0.005, hi: 0.02, level: 0.95, resamples: 1000, block: 128 })).toBe(
      '+0.0100 (+0.0050 to +0.0200)',
    );
    expect(f.excludes0({ mean: 0.01, lo: -0.001, hi: 0.02, level: 0.95, resamples: 1000, block: 128 })).toBe(false);
    expect(f.pct(0.001)).toBe('0.1%');
    expect(f.plainM(undefined)).toBe('(not measured yet)');
    const t = f.top1Span('mlp.down');
    if (t) expect(t.min).toBeLessThanOrEqual(t.max);
  });
});
