// Lesson 3's facts: the replays' figures against their definitions, and the modelled costs against lib/hardware.
import { describe, expect, test } from 'vitest';
import { INT4_7B_COSTS, readBandwidth } from '../../../lib/hardware/index.ts';
import * as f from '../../../lessons/facts/powerinfer-2.ts';

describe('lesson 3 facts (lessons/facts/powerinfer-2.ts)', () => {
  test('the replays are there, for the measured model', () => {
    expect(f.facts && f.batch && f.cache && f.unbundled && f.pipe).toBeTruthy();
  });

  test('per-layer active shares average to the mean the lesson quotes, and list one per layer', () => {
    const p = f.facts!;
    expect(p.active.reduce((a, x) => a + x, 0) / p.nLayer).toBeCloseTo(p.activeMean, 12);
    expect(f.activeList!.split(', ')).toHaveLength(p.nLayer);
  });

  test('bundling the up and down vectors never reads more than reading them apart', () => {
    expect(f.cache!.readsPerToken).toBeLessThanOrEqual(f.unbundled!.readsPerToken);
    expect(f.hotShare).toBeGreaterThan(0);
    expect(f.hotShare).toBeLessThanOrEqual(1);
  });

  test('the cluster-level schedule is never longer than either matrix-level one', () => {
    expect(f.savingVsStrict).toBeGreaterThanOrEqual(0);
    expect(f.savingVsPaper).toBeGreaterThanOrEqual(0);
    expect(f.readShare).toBeGreaterThanOrEqual(0);
    expect(f.readShare).toBeLessThanOrEqual(1);
  });

  test('modelled costs: a 4 KB read on the curve, streaming 2.5 KB at 43.9 GB/s, and the break-even miss share', () => {
    expect(f.readOneMs).toBeCloseTo((4096 / readBandwidth(4096, 'random')) * 1000, 12);
    expect(f.streamMs * 1e3).toBeCloseTo(0.0583, 4); // µs
    expect(f.readsInVectors * f.vectorMs).toBeCloseTo(f.readOneMs, 12);
    // at the break-even share, expected reads (gate + up/down) cost as much as the three vector computations
    const reads = f.breakEven * (f.readOneMs + f.readOneMs);
    expect(reads).toBeCloseTo(3 * INT4_7B_COSTS.computeMsPerVector, 12);
    expect(f.ufsCross! % 4096).toBe(0);
  });

  test('texts: a dash without data, counts grouped', () => {
    expect(f.plain(undefined, 'share')).toBe('—');
    expect(f.plain(Number.NaN, 'ms')).toBe('—');
    expect(f.info((p) => f.count(p.parameters))).toMatch(/^\d{1,3}(,\d{3})+$/);
  });
});
