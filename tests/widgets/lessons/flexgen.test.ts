// Lesson 5's facts: numbers as numbers, each re-derived here from its definition rather than read back.
import { describe, expect, test } from 'vitest';
import { T4_FITTED } from '../../../lib/hardware/offload-machine.ts';
import { OPT_SHAPES } from '../../../lib/offload/shapes.ts';
import * as f from '../../../lessons/facts/flexgen.ts';

describe('lesson 5 facts (lessons/facts/flexgen.ts)', () => {
  test("OPT-30B's decode compute splits into the GPU's matmuls and the CPU's attention (about 81% of it)", () => {
    const { h1, h2 } = OPT_SHAPES['opt-30b'];
    const bls = 48 * 3;
    expect(f.opt30Compute.gpuMatmul).toBeCloseTo((bls * (8 * h1 * h1 + 4 * h1 * h2)) / T4_FITTED.gpuMatmulDecode, 12);
    expect(f.opt30Compute.gpuMatmul + f.opt30Compute.cpuAttention).toBeCloseTo(f.delegation.on.decode.comp, 12);
    expect(f.opt30Compute.cpuAttentionShare).toBeGreaterThan(0.8);
    expect(f.opt30Compute.cpuAttentionShare).toBeLessThan(0.82);
  });

  test("the paper's plain max of five is faster than the script's ctog + max of four (8.54 against 7.14 tokens/s)", () => {
    expect(f.opt30PlainMaxThroughput).toBeGreaterThan(f.delegation.on.throughput);
    expect(f.opt30PlainMaxThroughput).toBeCloseTo(8.54, 2);
    expect(f.delegation.on.throughput).toBeCloseTo(7.14, 2);
  });

  test('the search tries at most one LP per (gbs, nb) pair of its grid within the largest block', () => {
    expect(Number.isInteger(f.searchPairsAtMost)).toBe(true);
    expect(f.searchPairsAtMost).toBe(168);
  });

  test('compression rows are looked up by bits, and a missing row fails loudly', () => {
    const fp32 = f.compressionRow(null, null);
    expect(fp32.delta).toBe(0);
    expect(f.perplexityRise.ours).toBeCloseTo(f.compressionRow(4, 4).perplexity / fp32.perplexity - 1, 12);
    expect(f.perplexityRise.ours).toBeLessThan(0.02); // a rise under 2%: the lesson prints it as a share, not ×100 again
    expect(() => f.compressionRow(2, 2)).toThrow(/no compression row/);
  });

  test("OPT-175B's fp16 weights and KV peak are the paper's 325 GB and 1.2 TB (§3), counted in binary units", () => {
    expect(f.opt175Bytes.weights / 2 ** 30).toBeCloseTo(324, 0);
    expect(f.opt175Bytes.kvPeak / 2 ** 40).toBeCloseTo(1.2, 1);
  });

  test('the ratios the lesson quotes are the rows they divide, and texts go through the kit', () => {
    expect(f.blockFewerWeightBytes * f.biggestBlock.weightBytesPerToken).toBeCloseTo(f.rowByRow.weightBytesPerToken, 6);
    expect(f.blockFewerWeightBytes).toBeGreaterThan(1); // a bigger block reads the weights fewer times per token
    expect(f.opt175KvOverWeights).toBeCloseTo(3.8, 1); // the paper's 3.8× (§3)
    expect(f.opt175KvPeakTiB).toBeCloseTo(f.opt175Bytes.kvPeak / 2 ** 40, 12);
    expect(f.secondsText(0.00241)).toBe('2.41 ms');
    expect(f.signedLoss(-0.00234)).toBe('−0.0023');
    expect(f.signedLoss(0.0061)).toBe('+0.0061');
  });

  test('each schedule the executor measured is named in Chinese, its block shape kept', () => {
    for (const r of f.executor.rows) {
      expect(f.scheduleName.en(r.schedule)).toBe(r.schedule);
      const zh = f.scheduleName.zh(r.schedule);
      expect(zh).not.toMatch(/[A-Za-z]/);
      expect(zh.match(/\d+/g)).toEqual(r.schedule.match(/\d+/g));
    }
  });
});
