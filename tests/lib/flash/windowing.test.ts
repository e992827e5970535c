import { describe, expect, it } from 'vitest';
import { windowCurve, friendBundling } from '../../../lib/flash/index.ts';
import { traceFromSets } from '../../../lib/sparsity/index.ts';
import { mulberry32 } from '../../../lib/random.ts';

describe('windowCurve', () => {
  it('gives s_agg(k) and Δ_load(k) of a hand-made trace', () => {
    // One layer of 4 neurons; tokens use {0}, {0,1}, {2}, {0,1}, {3}.
    const tr = traceFromSets([[[0]], [[0, 1]], [[2]], [[0, 1]], [[3]]], 4);
    const c = windowCurve(tr, 2); // tokens 2, 3, 4
    // Δ_load(0): |A_t| = 1, 2, 1 -> 4/3 of 4 neurons.
    expect(c.deltaLoad[0]).toBeCloseTo(4 / 3 / 4);
    // Δ_load(1): new vs previous token: {2}\{0,1}=1, {0,1}\{2}=2, {3}\{0,1}=1 -> 4/3.
    expect(c.deltaLoad[1]).toBeCloseTo(4 / 3 / 4);
    // Δ_load(2): {2}\{0,1}=1, {0,1}\{0,1,2}=0, {3}\{2,0,1}=1 -> 2/3.
    expect(c.deltaLoad[2]).toBeCloseTo(2 / 3 / 4);
    // s_agg(2): |A_{t-1} ∪ A_t| = 3, 3, 3.
    expect(c.sAgg[2]).toBeCloseTo(3 / 4);
    expect(c.sAgg[1]).toBeCloseTo(4 / 3 / 4);
    expect(() => windowCurve(tr, 5)).toThrow(/has 5 tokens; need more than kMax = 5/);
  });

  it('on random traces s_agg grows, Δ_load shrinks, and mean Δ_load(k) ≈ s_agg(k+1) − s_agg(k)', () => {
    const rng = mulberry32(3);
    const F = 64;
    const sets = Array.from({ length: 400 }, () => [
      Array.from({ length: F }, (_, i) => i).filter((i) => rng() < 0.5 / (1 + i / 8)),
    ]);
    const c = windowCurve(traceFromSets(sets, F), 8);
    for (let k = 1; k < 8; k++) {
      expect(c.sAgg[k + 1]).toBeGreaterThanOrEqual(c.sAgg[k]);
      expect(c.deltaLoad[k]).toBeLessThanOrEqual(c.deltaLoad[k - 1] + 1e-12);
      expect(c.deltaLoad[k]).toBeCloseTo(c.sAgg[k + 1] - c.sAgg[k], 2);
    }
  });
});

describe('friendBundling', () => {
  it('finds closest friends and counts the reads friend bundles cost', () => {
    // Neuron 0 fires often, with 1; 2 and 3 always fire together.
    const sets = [[[0, 1]], [[0, 2, 3]], [[0]], [[2, 3]], [[0, 1]]];
    const f = friendBundling(traceFromSets(sets, 4));
    const l = f.layers[0];
    expect(Array.from(l.friend)).toEqual([1, 0, 3, 2]);
    expect(l.friendShare[1]).toBe(1); // 1 never fires without 0
    expect(l.friendShare[0]).toBe(0.5); // 0 fires with 1 on 2 of its 4 tokens
    expect(l.share95).toBe(0.75);
    // Reads, neurons in index order: {0,1}: 0(+1) = 1 read. {0,2,3}: 0(+1 wasted), 2(+3) = 2. {0}: 0(+1 wasted) = 1.
    // {2,3}: 2(+3) = 1. {0,1}: 1. Total 6 reads of 2 neurons for 10 active neurons; 2 friend halves wasted.
    expect(f.friendReadsPerToken).toBeCloseTo(6 / 5);
    expect(f.activePerToken).toBeCloseTo(10 / 5);
    expect(f.wastedFriendShare).toBeCloseTo(2 / 6);
    expect(f.bytesRatio).toBeCloseTo(12 / 10);
  });
});
