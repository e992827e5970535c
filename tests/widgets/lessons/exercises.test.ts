// Every exercise answer (lessons/exercises/*.ts) checked against an independent computation: the closed-form count
// or a direct read of the committed measurement, never the exercise module's own call. A wrong answer in a lesson
// fails here before any reader sees it.
import { describe, expect, test } from 'vitest';
import { PRESETS, parameterCount } from '../../../lib/config.ts';
import spec from '../../../site/data/speculative.json' with { type: 'json' };
import * as xw from '../../../lessons/exercises/01-three-views-of-xw.ts';
import * as hotcold from '../../../lessons/exercises/02-powerinfer-hot-cold-neurons.ts';
import * as lora from '../../../lessons/exercises/07-lora.ts';
import * as specinfer from '../../../lessons/exercises/08-specinfer.ts';

describe('lesson 1 (three views of xW) exercises', () => {
  test('the last entry of y is the dot product of x with the last column', () => {
    const { x } = xw.lastEntry;
    expect(xw.lastEntry.answer).toBe(x[0] * xw.W[0][5] + x[1] * xw.W[1][5] + x[2] * xw.W[2][5]);
  });
  test('bytes read skipping zero rows: non-zero rows × m × 4', () => {
    expect(xw.skipBytes.answer).toBe(Math.round(2048 * (1 - 0.75)) * 8192 * 4);
  });
  test('the one-row x gives the stated y, and no other x with one non-zero entry in [-9, 9] does', () => {
    const matches: string[] = [];
    for (let i = 0; i < 3; i++)
      for (let c = -9; c <= 9; c++) {
        if (c === 0) continue;
        const y = xw.W[i].map((w) => c * w + 0); // + 0: −0 reads as 0
        if (y.every((v, j) => v === xw.oneRow.y[j])) matches.push([0, 1, 2].map((k) => (k === i ? c : 0)).join(','));
      }
    expect(matches).toEqual([xw.oneRow.answer]);
  });
});

describe('lesson 2 (PowerInfer) exercises', () => {
  const { fastBandwidth: gpu, slowBandwidth: cpu, syncMs } = hotcold.hw;
  test('one fp16 7B neuron (2 × 4096 × 2 bytes) at DRAM bandwidth, in µs', () => {
    expect(hotcold.cpuNeuronMicros.answer).toBeCloseTo(((2 * 4096 * 2) / cpu) * 1e6, 12);
  });
  test('C_l for INT4 neurons: the smallest n with n·T_gpu + T_sync ≤ n·T_cpu', () => {
    const b = hotcold.breakEvenInt4.bytes;
    expect(b).toBe(2 * 2560);
    const fits = (n: number) => n * (b / gpu) + syncMs / 1000 <= n * (b / cpu) * (1 + 1e-12);
    let n = 1;
    while (!fits(n)) n++;
    expect(hotcold.breakEvenInt4.answer).toBe(n);
  });
  test('half served: the smallest 1% budget is where the served share first reaches one half', () => {
    expect(hotcold.halfServed.servedAt).toBeGreaterThanOrEqual(0.5);
    expect(hotcold.halfServed.servedBelow).toBeLessThan(0.5);
    expect(Math.round(hotcold.halfServed.answer * 100)).toBe(hotcold.halfServed.answer * 100);
  });
});

describe('lesson 7 (LoRA) exercises', () => {
  const { nLayer, nEmbd, nFfn } = PRESETS.target;
  const ours = parameterCount(PRESETS.target);
  test('W_q, W_v at rank 16: two square d×d matrices per layer, r(d + d) each', () => {
    expect(lora.qvRank16.answer).toBe(nLayer * 2 * 16 * (nEmbd + nEmbd));
  });
  test("GPT-3's rank-2 W_q, W_v adapter in fp16: 2·L̂·d·r numbers, two bytes each", () => {
    expect(lora.gpt3Rank2Fp16.answer).toBe(2 * (2 * 2 * 96) * 12288 * 2);
  });
  test("Adam's memory ratio is the ratio of trained numbers", () => {
    expect(lora.adamRatio.answer).toBeCloseTo(ours / (nLayer * 2 * 8 * 2 * nEmbd), 9);
  });
  test('the smallest rank that trains 5% of the model with all six matrices', () => {
    const perRank = nLayer * (4 * 2 * nEmbd + 2 * (nEmbd + nFfn)); // q, k, v, o square; up and down d×d_ff
    const r = Math.ceil((0.05 * ours) / perRank);
    expect(lora.fivePercentRank.answer).toBe(r);
    expect(r).toBeLessThanOrEqual(64); // reachable with the widget's slider
    expect(lora.fivePercentRank.below).toBeLessThan(0.05);
    expect(lora.fivePercentRank.at).toBeGreaterThanOrEqual(0.05);
  });
});

describe('lesson 8 (SpecInfer) exercises', () => {
  test('guesses of ⟨2,2,2,1⟩: levels of 2, 4, 8, 8', () => {
    expect(specinfer.guesses2221.answer).toBe(2 + 4 + 8 + 8);
  });
  test('three-level trees of twelve guesses: every a, b with a whole c = (12 − a − ab) / ab', () => {
    const expected: string[] = [];
    for (let a = 1; a <= 12; a++)
      for (let b = 1; a + a * b < 12; b++) {
        const c = (12 - a - a * b) / (a * b);
        if (Number.isInteger(c) && c >= 1) expected.push(`${a},${b},${c}`);
      }
    expect([...specinfer.twelveGuesses.answer].sort()).toEqual(expected.sort());
  });
  test('the step arithmetic on the chain-2 race row, from the committed measurement', () => {
    const row = spec.race.rows.find((r) => r.shape === 'chain 2' && r.draft === 'plain JS')!;
    const expected = (row.tokensPerPass * (row.plainCpuMs / row.tokens)) / (row.targetMsPerPass + row.draftMsPerPass);
    expect(specinfer.chain2Speedup.answer).toBeCloseTo(expected, 9);
    expect(specinfer.sizeRatio).toBeCloseTo(spec.models.targetParameters / spec.models.draftParameters, 9);
  });
});
