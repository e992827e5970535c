// Schedules over the (batch × layer × token) grid: legality, weight loads in closed form, the memory they trade.
import { describe, expect, it } from 'vitest';
import { countsInBytes, scheduleOrder, simulate, zigzagWeightLoads } from '../../../lib/offload/schedule.ts';
import { OPT_SHAPES, layerWeightBytes } from '../../../lib/offload/shapes.ts';
import { mulberry32, randInt } from '../../../lib/random.ts';

describe('schedules', () => {
  it('zig-zag weight loads match ceil(batches/block)·tokens·layers on random grids', () => {
    const rng = mulberry32(3);
    for (let i = 0; i < 30; i++) {
      const g = { batches: randInt(rng, 1, 12), tokens: randInt(rng, 1, 6), layers: randInt(rng, 2, 5) };
      const block = randInt(rng, 1, g.batches);
      const c = simulate(scheduleOrder('zigzag', g, block), g);
      expect(c.weightLoads).toBe(zigzagWeightLoads(g, block));
      expect(c.peakLiveRows).toBe(Math.min(block, g.batches));
    }
  });
  it('row-by-row reloads weights at every square; column-by-column once per column', () => {
    const g = { batches: 4, tokens: 3, layers: 5 };
    const row = simulate(scheduleOrder('row', g), g, 8);
    const col = simulate(scheduleOrder('column', g), g, 8);
    expect(row.weightLoads).toBe(4 * 3 * 5);
    expect(col.weightLoads).toBe(3 * 5);
    // Row-by-row keeps one batch's cache and never parks an activation; column-by-column holds all four.
    expect(row.activationTransfers).toBe(0);
    expect(row.peakLiveRows).toBe(1);
    expect(col.peakLiveRows).toBe(4);
    expect(col.peakKvTokenLayers).toBe(4 * (8 * 5 + 3 * 5) - 3);
    // Attention reads the same cache whatever the order.
    expect(col.kvTokenReads).toBe(row.kvTokenReads);
  });
  it('turns counts into OPT-175B bytes: zig-zag trades weight bytes for cache bytes', () => {
    const g = { batches: 8, tokens: 4, layers: 3 };
    const m = OPT_SHAPES['opt-175b'];
    const row = countsInBytes(simulate(scheduleOrder('row', g), g, 512), m, 32);
    const zz = countsInBytes(simulate(scheduleOrder('zigzag', g, 8), g, 512), m, 32);
    expect(row.weightBytes).toBe(8 * 4 * 3 * layerWeightBytes(m));
    expect(row.weightBytes / zz.weightBytes).toBe(8);
    expect(zz.peakKvBytes).toBeGreaterThan(7 * row.peakKvBytes);
    expect(zz.kvReadBytes).toBe(row.kvReadBytes);
    expect(zz.activationBytes).toBeGreaterThan(row.activationBytes);
  });
  it('rejects an order that runs a square before its left neighbour', () => {
    const g = { batches: 1, tokens: 2, layers: 2 };
    const bad = scheduleOrder('row', g).reverse();
    expect(() => simulate(bad, g)).toThrow(/before the squares to its left/);
  });
  it('rejects out-of-range grids and blocks', () => {
    expect(() => scheduleOrder('zigzag', { batches: 4, tokens: 2, layers: 2 }, 0)).toThrow(/block/);
    expect(() => scheduleOrder('zigzag', { batches: 4, tokens: 2, layers: 2 }, 9)).toThrow(/1\.\.4/);
    expect(() => scheduleOrder('row', { batches: 0, tokens: 2, layers: 2 })).toThrow(/batches/);
  });
});
