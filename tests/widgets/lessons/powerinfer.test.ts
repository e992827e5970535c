// Lesson 2's facts: each checked against its definition on the measurements it reads.
import { describe, expect, test } from 'vitest';
import { PC_HIGH } from '../../../lib/hardware/index.ts';
import * as f from '../../../lessons/facts/powerinfer.ts';

describe('lesson 2 facts (lessons/facts/powerinfer.ts)', () => {
  const m = f.m!;
  test('the measurements are there', () => {
    expect(m).toBeTruthy();
    expect(f.card).toBeTruthy();
  });

  test('sparsest and busiest are the layers with the most and the fewest zeros, and bound the span', () => {
    const s = m.moby.layers.map((l) => l.sparsity);
    expect(s[f.sparsest]).toBe(Math.max(...s));
    expect(s[f.busiest]).toBe(Math.min(...s));
    expect(f.sparsitySpan).toEqual({ min: s[f.busiest], max: s[f.sparsest] });
    // the whole-model mean lies inside the per-layer span
    expect(m.moby.all.sparsity).toBeGreaterThanOrEqual(f.sparsitySpan!.min - 1e-12);
    expect(m.moby.all.sparsity).toBeLessThanOrEqual(f.sparsitySpan!.max + 1e-12);
  });

  test('the layer that supplies most of the whole-model top 20% supplies at least its even share', () => {
    const t = f.topAll!;
    expect(t.share).toBeGreaterThanOrEqual(1 / m.model.nLayer);
    expect(t.share).toBeLessThanOrEqual(1);
    // share of the top set × its size = share of that layer × the layer's size (the same neuron count)
    expect(t.share * Math.round(0.2 * f.totalNeurons!)).toBeCloseTo(t.ofLayer * m.model.nFfn, 9);
  });

  test('C_l is the smallest count where fast compute plus one sync beats slow compute', () => {
    for (const [c, b] of [
      [f.ourMinFast!, f.ourBytes!],
      [f.bigMinFast, f.bytes7b],
    ]) {
      const cost = (n: number, bw: number) => ((n * b) / bw) * 1000;
      expect(cost(c, PC_HIGH.fastBandwidth) + PC_HIGH.syncMs).toBeLessThanOrEqual(
        cost(c, PC_HIGH.slowBandwidth) + 1e-12,
      );
      if (c > 1)
        expect(cost(c - 1, PC_HIGH.fastBandwidth) + PC_HIGH.syncMs).toBeGreaterThan(cost(c - 1, PC_HIGH.slowBandwidth));
    }
    expect(f.bytes7b).toBe(2 * 4096 * 2); // two fp16 vectors of 4096: 8 KB each half (PowerInfer-2 §4.4)
  });

  test('perplexity rise is exp(loss change) − 1, and the texts go through the kit', () => {
    expect(f.perplexityRise).toBeCloseTo(Math.exp(f.card!.validation.lossChange) - 1, 12);
    expect(f.pctSpan({ min: 0.401, max: 0.6172 })).toBe('40.1%–61.7%');
    expect(f.pctSpan(undefined)).toBe('—');
    expect(f.grouped(32768)).toBe('32,768');
    expect(f.lossChangeText).toMatch(/^-?\d+\.\d{4}$/);
    expect(f.perplexityRiseText).toMatch(/^-?\d+(\.\d{1,2})?%$/); // two decimals at most, as PredictorQuality prints it
  });
});
