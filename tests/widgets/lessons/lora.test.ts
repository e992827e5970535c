// Lesson 7's facts: the counts against a hand count from the config, the paper's GPT-3 figures, and the adapters'
// card as read.
import { describe, expect, test } from 'vitest';
import * as f from '../../../lessons/facts/lora.ts';

describe('lesson 7 facts (lessons/facts/lora.ts)', () => {
  test('an adapter on W_q and W_v trains r·(d + d) numbers per matrix, two matrices per layer', () => {
    const d = f.cfg.nEmbd;
    for (const r of [1, 2, 4, 8]) expect(f.qv(r)).toBe(f.cfg.nLayer * 2 * r * (d + d));
    expect(f.all(4)).toBeGreaterThan(f.qv(4));
    expect(f.adam.qv4).toBe(2 * 4 * f.qv(4)); // two float32 moments per trained number
    expect(f.fp32File.full).toBe(4 * f.ours);
    expect(f.ofOurs(f.ours)).toBe(1);
  });

  test('GPT-3 at r = 4 on W_q, W_v: 18,874,368 numbers, the paper’s "18M … 35MB in FP16", about 10,000× fewer', () => {
    expect(f.gpt3(4)).toBe(18_874_368);
    expect(f.gpt3(1) / 1e6).toBeCloseTo(4.7, 1); // Table 4's 4.7M
    expect(f.gpt3(8) / 1e6).toBeCloseTo(37.7, 1); // Table 4's 37.7M
    expect(f.gpt3Fp16Bytes / 2 ** 20).toBe(36); // the paper's "roughly 35MB" (§7.1) is this, in binary megabytes
    expect(f.gpt3Fp16MillionBytes).toBeCloseTo(37.7, 1);
    expect(f.gpt3FewerAtR4).toBeGreaterThan(9000);
    expect(f.gpt3FewerAtR4).toBeLessThan(10000);
  });

  test('GPT-3 figures the prose states: the formula by hand, Table 7’s amplification, a hundred tasks’ storage', () => {
    expect(f.gpt3ByHand).toBe(f.gpt3(4)); // 2 · 192 · 12288 · 4, as lib/lora counts it
    // The paper's 21.5 agrees with its own rounded norms to the rounding of 0.32 (6.91 / 0.325 = 21.3, / 0.315 = 21.9).
    expect(f.gpt3Amplification).toBeGreaterThan(f.GPT3_TABLE_7.deltaNorm / (f.GPT3_TABLE_7.projection + 0.005));
    expect(f.gpt3Amplification).toBeLessThan(f.GPT3_TABLE_7.deltaNorm / (f.GPT3_TABLE_7.projection - 0.005));
    // One base plus a hundred 35 MB adapters against a hundred 350 GB copies [§4.2, footnote 4].
    expect(f.gigabytes(f.gpt3Tasks.lora)).toBe('354 GB');
    expect(f.terabytes(f.gpt3Tasks.full)).toBe('35 TB');
    expect(f.gpt3Tasks.full / f.gpt3Tasks.lora).toBeGreaterThan(90);
    expect(f.gpt3Tasks.full).toBe(f.GPT3_TASKS * f.GPT3_CHECKPOINT_BYTES);
    expect([f.gigabytes(f.GPT3_CHECKPOINT_BYTES), f.megabytes(f.GPT3_LORA_CHECKPOINT_BYTES)]).toEqual([
      '350 GB',
      '35 MB',
    ]);
    expect(f.oursPerQv4 * f.ofOurs(f.qv(4))).toBeCloseTo(1, 12);
  });

  test('training in the page: each step is the handler’s windows, the held-out check needs one window and a token', () => {
    expect(Number.isInteger(f.TRAIN_BATCH) && f.TRAIN_BATCH >= 1).toBe(true);
    expect(f.TRAIN_WINDOW).toBeLessThanOrEqual(f.cfg.blockSize); // a window fits the model's context
    // What the prose states about the trainer is the handler's and the widget's own: the pasted text's minimum and
    // held-out share, and the rank a run starts with.
    const { minChars, heldOutShare } = f.PASTED_TEXT;
    expect(minChars * heldOutShare).toBeGreaterThan(f.TRAIN_WINDOW); // its held-out part holds a window's characters
    expect(Number.isInteger(f.TRAIN_RANK) && f.TRAIN_RANK >= 1).toBe(true);
  });

  test('the adapters’ card: spans and gains are read from its runs', () => {
    const card = f.card!;
    expect(card).toBeTruthy();
    expect(f.lora.length).toBeGreaterThan(0);
    for (const g of f.sotuGains) {
      const r = f.lora.find((x) => x.rank === g.rank)!;
      expect(g.gain).toBeCloseTo(card.baseline.validationLoss.sotu - r.validationLoss.sotu, 12);
    }
    expect(f.mobySpan!.min).toBeLessThanOrEqual(f.mobySpan!.max);
    expect(f.alphaOver(8)).toBe(card.lora.alpha / 8);
    if (f.full) expect(f.fullOverR4!.numbers).toBeCloseTo(f.full.trainableParameters / f.qv(4), 12);
    // The ranks the prose lists are the card's adapters, in order, in both editions' words.
    expect(f.ranks).toEqual(f.lora.map((r) => r.rank!).sort((x, y) => x - y));
    expect([f.minRank, f.maxRank]).toEqual([Math.min(...f.ranks), Math.max(...f.ranks)]);
    expect(f.rankList.en.match(/\d+/g)!.map(Number)).toEqual(f.ranks);
    expect(f.rankList.zh.match(/\d+/g)!.map(Number)).toEqual(f.ranks);
  });

  test('the analysis: subspace similarities lie in [0, 1], amplification spans the layers of W_q', () => {
    const q = f.subspace('h.0.attn.q');
    expect(q?.length).toBe(8);
    for (const x of q!) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1 + 1e-9);
    }
    expect(f.amplificationSpan!.min).toBeLessThanOrEqual(f.amplificationSpan!.max);
    expect(f.subspace('no such target')).toBeUndefined();
  });

  test('texts go through the kit', () => {
    expect(f.n(18874368.4)).toBe('18,874,368');
    expect(f.list([0.123, 0.5], 2)).toBe('0.12, 0.50');
    expect(f.list(undefined, 2)).toBe('—');
    expect(f.seconds(61.6)).toBe('62 s');
    expect(f.sotuGainsText.en).toMatch(/^r = \d+ by \d\.\d{3}/);
    // The Chinese names the same gains, in the same order, with no English word left.
    expect(f.sotuGainsText.zh.match(/\d+(\.\d+)?/g)).toEqual(f.sotuGainsText.en.match(/\d+(\.\d+)?/g));
    expect(f.sotuGainsText.zh).not.toMatch(/\bby\b/);
  });
});
