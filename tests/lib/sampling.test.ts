import { describe, it, expect } from 'vitest';
import { argmax, samplingDistribution, sampleFrom, softmax, topEntries } from '../../lib/sampling.ts';
import { mulberry32 } from '../../lib/random.ts';

const logits = Float32Array.from([2, 1, 0.5, -1, 3, 0]);

describe('sampling', () => {
  it('temperature 0 and top-k 1 are both greedy', () => {
    expect(Array.from(samplingDistribution(logits, { temperature: 0 }))).toEqual([0, 0, 0, 0, 1, 0]);
    expect(Array.from(samplingDistribution(logits, { topK: 1 }))).toEqual([0, 0, 0, 0, 1, 0]);
    expect(argmax(logits)).toBe(4);
  });

  it('top-k keeps the k most likely tokens, renormalised', () => {
    const p = samplingDistribution(logits, { topK: 3 });
    expect([...p.keys()].filter((i) => p[i] > 0).sort()).toEqual([0, 1, 4]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const full = softmax(logits);
    expect(p[4] / p[0]).toBeCloseTo(full[4] / full[0], 10);
  });

  it('top-p keeps the smallest most-likely set reaching p', () => {
    const full = softmax(logits);
    const p = samplingDistribution(logits, { topP: 0.8 });
    const kept = topEntries(full, 6).filter((e) => p[e.index] > 0);
    const massBeforeLast = kept.slice(0, -1).reduce((a, e) => a + e.p, 0);
    expect(massBeforeLast).toBeLessThan(0.8);
    expect(kept.reduce((a, e) => a + e.p, 0)).toBeGreaterThanOrEqual(0.8);
  });

  it('higher temperature flattens the distribution', () => {
    const cold = softmax(logits, 0.5),
      hot = softmax(logits, 2);
    expect(cold[4]).toBeGreaterThan(softmax(logits)[4]);
    expect(hot[4]).toBeLessThan(softmax(logits)[4]);
  });

  it('seeded sampling is reproducible and matches the distribution', () => {
    const p = samplingDistribution(logits, { temperature: 1 });
    const draw = (seed: number) => {
      const rng = mulberry32(seed);
      return Array.from({ length: 20000 }, () => sampleFrom(p, rng));
    };
    expect(draw(5)).toEqual(draw(5));
    const counts = new Array(6).fill(0);
    for (const i of draw(6)) counts[i]++;
    counts.forEach((c, i) => expect(Math.abs(c / 20000 - p[i])).toBeLessThan(0.015));
  });
});
