// The widgets' view models (plain data → sentences and drawings), on seeded inputs: what they say agrees with what
// they were given, in the kit's units.
import { describe, expect, it } from 'vitest';
import { missRead, readBandwidth } from '../../lib/hardware/storage-curve.ts';
import { mulberry32 } from '../../lib/random.ts';
import { bandwidth } from '../../site/widgets/_kit/format.ts';
import { tableBatches } from '../../site/widgets/batch-union/model.ts';
import { text as batchText } from '../../site/widgets/batch-union/text.ts';
import { placementTable } from '../../site/widgets/hot-cold-curve/model.ts';
import { text as hotColdText } from '../../site/widgets/hot-cold-curve/text.ts';
import { text as playgroundText } from '../../site/widgets/model-playground/text.ts';
import { cacheFigures } from '../../site/widgets/neuron-cache-sim/model.ts';
import { text as cacheText } from '../../site/widgets/neuron-cache-sim/text.ts';
import { firedCount, heatPath, neuronColumns, zeroStats } from '../../site/widgets/neuron-heatmap/model.ts';
import { scalePlan } from '../../site/widgets/vecmat-scale/model.ts';
import { text as scaleText } from '../../site/widgets/vecmat-scale/text.ts';
import type { CachePoint } from '../../lib/sparsity/cache-sweep.ts';

const rand = mulberry32(9);

describe('NeuronHeatmap model', () => {
  it('draws exactly one unit square per neuron that fired, in either column order (random bitsets)', () => {
    for (let trial = 0; trial < 20; trial++) {
      const nFfn = 64,
        tokens = 1 + Math.floor(rand() * 10),
        words = 2;
      const bits = Uint32Array.from({ length: tokens * words }, () => Math.floor(rand() * 2 ** 32));
      const freq = Float32Array.from({ length: nFfn }, () => rand());
      let fired = 0;
      for (let t = 0; t < tokens; t++) fired += firedCount(bits, words, t, nFfn);
      for (const order of ['index', 'hot'] as const) {
        const path = heatPath(bits, words, tokens, nFfn, neuronColumns(nFfn, order, freq));
        const area = [...path.matchAll(/h(\d+)v1/g)].reduce((a, m) => a + Number(m[1]), 0);
        expect(area).toBe(fired);
      }
      expect([...neuronColumns(nFfn, 'hot', freq)].sort((a, b) => a - b)).toEqual(
        Array.from({ length: nFfn }, (_, i) => i),
      );
    }
    const z = zeroStats([0.5, 0.7, 0.9]);
    expect([z.mean, z.min, z.max].map((v) => +v.toFixed(12))).toEqual([0.7, 0.5, 0.9]);
  });
});

describe('HotColdCurve model', () => {
  it('the exact optimum serves at least as much as hottest-first and random, within the budget; sentences in kit units', () => {
    const freqs = [0, 1, 2].map(() => Array.from({ length: 64 }, () => rand() ** 4));
    for (const budget of [0.1, 0.3, 0.6]) {
      const t = placementTable(freqs, budget, 'ours', 128);
      const [random, hottest, optimal] = t.rows;
      expect(optimal.servedShare).toBeGreaterThanOrEqual(hottest.servedShare - 1e-9);
      expect(optimal.servedShare).toBeGreaterThanOrEqual(random.servedShare - 1e-9);
      for (const r of t.rows) expect(r.fastCounts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(t.budgetNeurons);
      expect(hotColdText.en.summary(t)).toMatch(/(µs|ms|s)\b/);
      expect(hotColdText.en.rule(t, 64)).toMatch(/^C_l = /);
      // The Chinese edition says the same numbers.
      const numbers = (s: string) => (s.match(/\d+(?:[,.]\d+)*/g) ?? []).sort();
      expect(numbers(hotColdText.zh.summary(t))).toEqual(numbers(hotColdText.en.summary(t)));
      expect(numbers(hotColdText.zh.rule(t, 64))).toEqual(numbers(hotColdText.en.rule(t, 64)));
    }
  });
});

describe('BatchUnion model', () => {
  it('shows 1, 2, 4, 8, 16 and the largest; sentences quote the first and last batch', () => {
    const { splitSentence, unionSentence } = batchText.en;
    expect(tableBatches([1, 2, 3, 4, 5, 6])).toEqual([1, 2, 4, 6]);
    expect(tableBatches([1])).toEqual([1]);
    const s = unionSentence({ batchSizes: [1, 2, 3], mean: [0.1, 0.15, 0.2], steps: 8 });
    expect(s).toContain('10%');
    expect(s).toContain('20%');
    expect(s).toContain('2×');
    const rows = [1, 4].map((batch) => ({
      batch,
      union: 0.1 * batch,
      dense: 0.2,
      denseNeeded: 0.1,
      sparse: 0.05 * batch,
      denseShare: 0.5,
      denseUseful: 0.5,
    }));
    expect(splitSentence(rows, 0.2)).toMatch(/^With the hottest 20% .* at B = 1, .*; at B = 4, /);
  });
});

describe('NeuronCacheSim model', () => {
  it('prints bytes in KiB, times from ms, and says what one miss reads', () => {
    const { missSentence, neuronLabel } = cacheText.en;
    const pt = {
      memory: 0.5,
      hitRate: 0.9,
      hotHitRate: 0.99,
      coldHitRate: 0.5,
      missesPerToken: 12.34,
      readsPerToken: 12.34,
      bytesReadPerToken: 50 * 1024,
      ioMsPerToken: 0.05,
      ioTokensPerSecond: 20000,
    } as CachePoint;
    expect(cacheFigures(pt)).toMatchObject({
      hit: '90%',
      bytes: '50 KiB',
      io: '50 µs',
      misses: '12.3',
      ceiling: '20,000 tokens/s',
    });
    // 5 KiB asks for two 4 KiB blocks, at the random-read bandwidth the curve gives 5 KiB reads.
    expect(missSentence(missRead(2560, true))).toBe(
      `One cold miss reads 5 KiB (up and down together), fetched as 8 KiB of whole 4 KiB blocks, at ${bandwidth(readBandwidth(5120))} on the random-read curve.`,
    );
    expect(missSentence(missRead(2560, false))).toContain('twice (up, then down)');
    expect(neuronLabel('int4', 128)).toBe('7B, INT4: 2.5 KiB per vector');
    expect(neuronLabel('ours', 128)).toBe('ours: 512 B per vector (128 × fp32)');
  });
});

describe('VecMatScale and ModelPlayground models', () => {
  it('the plan counts rows and bytes', () => {
    const p = scalePlan(1024, 1024, 0.9);
    expect(p.rowsRead).toBe(102);
    expect(scaleText.en.plan(p).dense).toContain('4 MiB');
    expect(scaleText.en.plan(p).gather).toContain('408 KiB');
    expect(scaleText.zh.plan(p).gather).toBe(
      '仅非零行：只读取 xᵢ ≠ 0 的 102 行，102 × 1,024 × 4 B = 408 KiB，做 104,448 次乘加。',
    );
  });
  it('run and step summaries quote tokens and probabilities', () => {
    const t = {
      id: 5,
      text: ' whale',
      p: 0.31,
      alternatives: [
        { id: 9, text: ' sea', p: 0.4 },
        { id: 5, text: ' whale', p: 0.31 },
      ],
    };
    const { runSummary, stepSummary } = playgroundText.en;
    expect(runSummary([t], { model: 'draft-v1' })).toBe(
      "Generated 1 token with draft-v1; last token ' whale' with probability 0.31.",
    );
    expect(stepSummary(1, t)).toContain('number 2 of the top 5');
    expect(runSummary([], { stopped: true })).toBe('Stopped before the first token.');
    // The Chinese edition: the same token quotes and probabilities, in Chinese sentences.
    const zh = playgroundText.zh;
    expect(zh.runSummary([t], { model: 'draft-v1' })).toBe(
      "已用 draft-v1 生成了 1 个词元；最后一个词元是 ' whale'，概率 0.31。",
    );
    expect(zh.stepSummary(1, t)).toBe(
      "第 1 个词元是 ' whale'（概率 0.31，在前 5 名中排第 2）。模型在此处认为最可能的五个下一个词元：' sea' 0.40，' whale' 0.31。",
    );
    expect(zh.runSummary([], { stopped: true })).toBe('在生成第一个词元之前已停止。');
  });
});
