// Lesson 4's facts: typed lookups over site/data/flash.json and the bench's OPFS rows, checked against their
// definitions and the paper's Table 2.
import { describe, expect, test } from 'vitest';
import * as f from '../../../lessons/facts/llm-in-a-flash.ts';

describe('lesson 4 facts (lessons/facts/llm-in-a-flash.ts)', () => {
  test('every rung of the paper’s table has our exact and predictor rows, and a missing one fails loudly', () => {
    for (const { paper, ours } of f.table) {
      expect(ours.id).toBe(paper.id);
      expect(f.pred(paper.id).id).toBe(paper.id);
    }
    expect(() => f.exact('nope' as 'naive')).toThrow(/no exact rung/);
    expect(() => f.point('scattered', 3)).toThrow(/no scattered read of 3 KiB/);
    // The read sizes the prose compares: one bundle of ours, one of OPT 6.7B.
    expect(f.optBundleBytesX * f.point('scattered', f.neuronKiB).chunkBytes).toBe(f.optBundleKiB * 1024);
  });

  test('a bundle is one neuron’s up column and down row in fp32: ours from flash.json, OPT 6.7B’s the paper’s 32 KiB', () => {
    expect(f.neuronKiB * 1024).toBe(2 * f.flash.layout.nEmbd * 4);
    expect(f.optBundleKiB * 1024).toBe(2 * f.OPT_6_7B.h1 * 4);
    expect(f.optBundleKiB).toBe(32); // App. C.1: "2 · 4096 · 4 B = 32 KiB" per read
    expect(f.optFfn.totalBytes).toBe(f.OPT_6_7B.l * f.OPT_6_7B.h2 * f.optFfn.neuronBytes);
    expect(f.optBundleTimeX).toBeGreaterThan(0);
  });

  test('the exact rungs read fewer bytes as techniques stack, and bundling never reads more than the window rung', () => {
    const b = f.table.map((r) => r.ours.bytes);
    expect(b[0] / f.flash.layout.ffnBytes).toBeCloseTo(1, 3); // naive reads the whole FFN (the file keeps 4 digits)
    expect(f.exact('bundling').bytes).toBeLessThanOrEqual(f.exact('window').bytes);
    expect(f.naiveVsAll.fewerBytes).toBeGreaterThan(1);
    expect(f.naiveVsAll.fewerBytes).toBeCloseTo(f.exact('naive').bytes / f.exact('bundling').bytes, 12);
  });

  test('the paper’s Table 2 divisions: 2196/87 ms and 13.4/0.2 GB, and the steps multiply to the whole', () => {
    const s = f.paperSteps;
    expect(s.ioSpeedup).toBeCloseTo(2196 / 87, 12);
    expect(s.fewerBytes).toBeCloseTo(67, 9);
    expect(s.hybridCut * s.predictorCut * s.windowCut).toBeCloseTo(s.fewerBytes, 9);
    expect(s.scatteredSlowdown).toBeCloseTo(6.1 / 1.25, 12);
    // The throughputs the prose names are the cost model's (lib/hardware's M1 Max) and Table 2's GB/s column.
    expect(f.paperGBs).toEqual({ scattered: 1.25, bundled: 2.25, dense: 6.1 });
    expect(f.paper('predictor').gbPerSecond).toBe(f.paperGBs.scattered);
    expect(f.paper('bundling').gbPerSecond).toBe(f.paperGBs.bundled);
    expect(f.paper('naive').gbPerSecond).toBe(f.paperGBs.dense);
    expect(f.paper('hybrid').dramGb * 2).toBe(f.paper('naive').gb); // "exactly half of the 13.4 GB 16-bit model"
  });

  test('OPFS per-read figures are the row’s totals divided by its reads', () => {
    const r = f.bench.flash?.find((x) => x.policy === 'naive' && x.where.includes('OPFS'));
    const o = f.opfs('naive');
    if (!r) return expect(o).toBeUndefined();
    expect(o!.usPerRead * r['reads/token']).toBeCloseTo(r['read ms/token'] * 1000, 9);
    expect(o!.bytesPerRead * r['reads/token']).toBeCloseTo(r['KiB/token'] * 1024, 9);
  });

  test('table texts: KiB with one decimal under 10 KiB, whole above; whole µs', () => {
    expect(f.kib(1536)).toBe('1.5');
    expect(f.kib(2097152)).toBe('2048');
    expect(f.us(0.3214)).toBe('321');
    expect(f.friendIsHotShare).toBeGreaterThanOrEqual(0);
    expect(f.friendIsHotShare).toBeLessThanOrEqual(1);
    // The window the prose describes is one the measurement has.
    expect(f.flash.window.k[f.WINDOW_K]).toBe(f.WINDOW_K);
    expect(f.HOT_SHARE).toBeGreaterThan(0);
  });
});
