// Every exercise answer (lessons/exercises/*.ts) checked against an independent computation: the closed-form count
// or a direct read of the committed measurement, never the exercise module's own call. A wrong answer in a lesson
// fails here before any reader sees it.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { newLesson, parseNewLessonArgs } from '../../../node/new-lesson.ts';
import * as template from '../../../lessons/exercises/_template.ts';
import { PRESETS, parameterCount } from '../../../lib/config.ts';
import spec from '../../../site/data/speculative.json' with { type: 'json' };
import * as xw from '../../../lessons/exercises/01-three-views-of-xw.ts';
import * as hotcold from '../../../lessons/exercises/02-powerinfer-hot-cold-neurons.ts';
import * as phone from '../../../lessons/exercises/03-powerinfer-2-sparsity-on-a-phone.ts';
import * as flashEx from '../../../lessons/exercises/04-llm-in-a-flash.ts';
import * as flexgen from '../../../lessons/exercises/05-flexgen.ts';
import * as awq from '../../../lessons/exercises/06-awq.ts';
import * as lora from '../../../lessons/exercises/07-lora.ts';
import flash from '../../../site/data/flash.json' with { type: 'json' };
import * as specinfer from '../../../lessons/exercises/08-specinfer.ts';
import * as capstone from '../../../lessons/exercises/09-everything-at-once.ts';

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

describe('lesson 3 (PowerInfer-2) exercises', () => {
  test('an FP16 gate-up-down bundle of 3 × 8 KiB is six 4 KiB reads', () => {
    expect(phone.fp16Bundle.answer).toBe((3 * 8 * 1024) / 4096);
  });
  test('the batch union under independence, by the complement', () => {
    let silent = 1;
    for (let b = 0; b < 16; b++) silent *= 1 - phone.union16.p;
    expect(phone.union16.answer).toBeCloseTo(1 - silent, 12);
  });
  test('the 90% hit rate is first reached at the answer, on a 5% step', () => {
    expect(phone.hit90.rateAt).toBeGreaterThanOrEqual(0.9);
    expect(phone.hit90.rateBelow).toBeLessThan(0.9);
    expect(Math.round(phone.hit90.answer * 20)).toBeCloseTo(phone.hit90.answer * 20, 9);
  });
});

describe('lesson 4 (LLM in a Flash) exercises', () => {
  test('bytes per token at k = 3 from the printed s_agg values', () => {
    expect(flashEx.windowBytes.answer).toBeCloseTo(
      (flashEx.windowBytes.sNext - flashEx.windowBytes.sNow) * 4 * 512 * 1024,
      6,
    );
    expect(flashEx.windowBytes.sNow).toBeCloseTo(flash.window.sAgg[3], 3);
  });
  test("OPT 6.7B's FFN: 32 × 16384 neurons of 2 × 4096 × 4 bytes is 16 GiB", () => {
    expect(flashEx.opt67Ffn.answer).toBe((32 * 16384 * 2 * 4096 * 4) / 2 ** 30);
  });
  test('the first window under 5%, read straight from flash.json', () => {
    let k = 0;
    while (flash.window.deltaLoad[k] >= 0.05) k++;
    expect(flashEx.under5.answer).toBe(k);
  });
});

describe('lesson 5 (FlexGen) exercises', () => {
  const { l, h1, h2 } = flexgen.opt30;
  test("OPT-30B's KV peak: 4·b·l·h1·(s+n) bytes", () => {
    expect(flexgen.kv30.answer).toBe((4 * 64 * l * h1 * (512 + 32)) / 2 ** 30);
  });
  test('zig-zag weight traffic: ⌈B/nb⌉·n·l layer loads of 8h1² + 4h1h2 bytes', () => {
    expect(flexgen.zigzagTraffic.answer).toBeCloseTo(
      (Math.ceil(12 / 4) * 32 * l * (8 * h1 * h1 + 4 * h1 * h2)) / 2 ** 30,
      9,
    );
  });
  test('the smallest block with a quarter of row-by-row loads, by brute force over the 8-batch grid', () => {
    const loads = (nb: number) => Math.ceil(8 / nb) * 3 * 4;
    const nb = [1, 2, 3, 4, 5, 6, 7, 8].find((b) => loads(b) * 4 <= loads(1));
    expect(flexgen.quarterLoads.answer).toBe(nb);
  });
});

describe('lesson 6 (AWQ) exercises', () => {
  test('int4, groups of 128, fp32 scales and 4-bit zeros: 4096² / 2 + groups × (4 + 0.5) bytes', () => {
    const groups = (4096 * 4096) / 128;
    expect(awq.int4Matrix.answer).toBe((4096 * 4096) / 2 + groups * 4 + groups / 2);
    expect(awq.fp32Ratio.answer).toBeCloseTo((4 * 4096 * 4096) / awq.int4Matrix.answer, 12);
  });
  test('1% of 512 input channels is 5', () => {
    expect(awq.keepOne.answer).toBe(Math.round(0.01 * awq.keepOne.inDim));
  });
  test('the largest α within 10% of the best is within, and the next grid α is not (or is the last)', () => {
    const { answer, errorAt, bestError, best } = awq.alphaWithin;
    expect(errorAt).toBeLessThanOrEqual(bestError * 1.1);
    expect(answer).toBeGreaterThanOrEqual(best);
    expect(answer).not.toBe(best); // the widget opens at the best α: the reader has to move it
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

describe('lesson 9 (everything at once) exercises', () => {
  test('an int4 bundled neuron: 2 d values of 4 bits, an eighth of fp32', () => {
    expect(capstone.neuronBytes.answer).toBe((2 * capstone.config.nEmbd * 4) / 8);
    expect(capstone.neuronBytes.fp32).toBe(8 * capstone.neuronBytes.answer);
  });
  test('rows of a <2,2,1> pass: the root and 2 + 4 + 4 guesses', () => {
    expect(capstone.treeRows.answer).toBe(1 + 2 + 2 * 2 + 2 * 2 * 1);
  });
  test('the only sparse switch that keeps the greedy text is exact', () => {
    expect(capstone.sameTextSparse.answer).toEqual(['exact']);
  });
});

describe('the lesson template (lessons/exercises/_template.ts)', () => {
  test('its answers: y_1, the weights the rows view reads, and the one-row x', () => {
    expect(template.firstEntry.answer).toBe(2 * 1 + 0 * 4 + 1 * 0);
    expect(template.weightsRead.answer).toBe(2 * 6);
    expect(template.oneRow.y).toEqual(template.W[2].map((w) => 3 * w));
  });
  test("npm run new-lesson's command line: one slug, --from and --lang in any order", () => {
    expect(parseNewLessonArgs(['kv'])).toEqual({ slug: 'kv', lang: 'en' });
    expect(parseNewLessonArgs(['kv', '--from', '01-x'])).toEqual({ slug: 'kv', from: '01-x', lang: 'en' });
    expect(parseNewLessonArgs(['--lang', 'both', 'kv', '--from', '01-x'])).toEqual({
      slug: 'kv',
      from: '01-x',
      lang: 'both',
    });
    for (const bad of [[], ['a', 'b'], ['kv', '--from'], ['kv', '--lang'], ['kv', '--lang', 'fr']])
      expect(parseNewLessonArgs(bad), bad.join(' ')).toBeUndefined();
  });

  test('npm run new-lesson gives a lesson from the template its own answers file and imports it', () => {
    const root = mkdtempSync(join(tmpdir(), 'new-lesson-'));
    try {
      mkdirSync(join(root, 'lessons', 'exercises'), { recursive: true });
      for (const f of ['_template.mdx', 'exercises/_template.ts', '01-three-views-of-xw.mdx'])
        copyFileSync(fileURLToPath(new URL(`../../../lessons/${f}`, import.meta.url)), join(root, 'lessons', f));
      const made = newLesson(root, 'kv-cache');
      expect(made).toBe(join(root, 'lessons', '02-kv-cache.mdx'));
      expect(readFileSync(made, 'utf8')).toContain("import * as ex from './exercises/02-kv-cache.ts';");
      expect(readFileSync(join(root, 'lessons', 'exercises', '02-kv-cache.ts'), 'utf8')).toBe(
        readFileSync(join(root, 'lessons', 'exercises', '_template.ts'), 'utf8'),
      );
      // A fork keeps the source lesson's answers until its author writes its own.
      const fork = newLesson(root, 'fork', '01-three-views-of-xw');
      expect(readFileSync(fork, 'utf8')).toContain("from './exercises/01-three-views-of-xw.ts'");
      expect(existsSync(join(root, 'lessons', 'exercises', '03-fork.ts'))).toBe(false);
      // Both editions: the Chinese file is the English one a folder deeper, its imports one level further up.
      const both = newLesson(root, 'tree-attention', undefined, 'both');
      const zh = join(root, 'lessons', 'zh', '04-tree-attention.mdx');
      expect(both).toBe(join(root, 'lessons', '04-tree-attention.mdx'));
      expect(readFileSync(zh, 'utf8')).toContain("import * as ex from '../exercises/04-tree-attention.ts';");
      expect(readFileSync(zh, 'utf8')).toContain("from '../../site/");
      expect(readFileSync(zh, 'utf8').replace(/'\.\.\/(\.\.\/)?/g, "'./")).toBe(
        readFileSync(both, 'utf8').replace(/'\.\.?\//g, "'./"),
      );
      // Chinese alone: no English file, and a draft until both editions exist.
      const only = newLesson(root, 'paged-attention', undefined, 'zh');
      expect(only).toBe(join(root, 'lessons', 'zh', '05-paged-attention.mdx'));
      expect(existsSync(join(root, 'lessons', '05-paged-attention.mdx'))).toBe(false);
      expect(readFileSync(only, 'utf8')).toMatch(/^draft: true$/m);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
