// lib/flash/cost.ts: the mean token record, against a direct mean over random records.
import { describe, expect, test } from 'vitest';
import { meanRecord } from '../../../lib/flash/cost.ts';
import { emptyTokenRecord, type TokenRecord } from '../../../lib/flash/flash-ffn.ts';
import { mulberry32 } from '../../../lib/random.ts';

describe('meanRecord', () => {
  test('every count field is the mean over records, and readsBySize averages missing keys as 0', () => {
    const rand = mulberry32(7);
    const recs: TokenRecord[] = Array.from({ length: 5 }, (_, i) => {
      const r = emptyTokenRecord();
      for (const k of Object.keys(r) as (keyof TokenRecord)[])
        if (k !== 'readsBySize') r[k] = Math.floor(rand() * 1000);
      r.readsBySize = i % 2 ? { 'scattered:512': i } : { 'sequential:4096': 2 * i };
      return r;
    });
    const m = meanRecord(recs);
    for (const k of Object.keys(m) as (keyof TokenRecord)[]) {
      if (k === 'readsBySize') continue;
      expect(m[k]).toBeCloseTo(recs.reduce((s, r) => s + r[k], 0) / recs.length, 12);
    }
    expect(m.readsBySize['scattered:512']).toBeCloseTo((1 + 3) / 5, 12);
    expect(m.readsBySize['sequential:4096']).toBeCloseTo((0 + 4 + 8) / 5, 12);
  });

  test('no records: an empty record, never NaN', () => {
    expect(meanRecord([])).toEqual(emptyTokenRecord());
  });
});
