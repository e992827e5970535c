// Lesson 8's facts module: lookups over site/data/speculative.json, as numbers.
import { describe, expect, test } from 'vitest';
import * as f from '../../../lessons/facts/specinfer.ts';

describe('lesson 8 facts (lessons/facts/specinfer.ts)', () => {
  test('tokens per pass are numbers of at least one (each pass emits its bonus token)', () => {
    for (const shape of ['chain 1', 'chain 8', '⟨1,1,5,1,1,1,1,1⟩']) {
      expect(f.tpp(shape, 'greedy')).toBeGreaterThanOrEqual(1);
      expect(f.tpp(shape, 'mss')).toBeGreaterThanOrEqual(1);
    }
    expect(f.tpp('no such tree', 'greedy')).toBeUndefined();
  });

  test('one step from the book: tokens per pass lies between 1 and 1 + depth of the tree', () => {
    const rows = f.m.fresh?.rows ?? [];
    for (const r of rows) {
      const depth = r.shape.startsWith('chain') ? Number(r.shape.split(' ')[1]) : 8;
      expect(r.tokensPerPass).toBeGreaterThanOrEqual(1);
      expect(r.tokensPerPass).toBeLessThanOrEqual(1 + depth);
      expect(r.passes).toBe(f.m.fresh!.prompts); // one pass per position
    }
  });

  test("the prompt pass c₁ leaves out is its own figure: the race's timing of it, per prompt, in ms and in c₁", () => {
    const c2 = f.c2!;
    expect(c2.promptCpuMs).toBeGreaterThan(0); // recorded by the race, not derived
    expect(f.c2PromptMs).toBeCloseTo(c2.promptCpuMs! / f.m.race.prompts, 10);
    expect(f.promptPassCost).toBeCloseTo(f.c2PromptMs! / f.c2PlainMsPerToken!, 10);
    expect(f.promptPassCost).toBeGreaterThan(1); // a pass over a whole prompt costs more than a plain token
    for (const row of f.m.race.rows) expect(row.promptMs).toBeGreaterThan(0);
    const r = f.regimes!;
    for (const row of [...r.rows, ...(r.sweep ?? [])]) {
      expect(row.promptMs).toBeGreaterThan(0);
      expect(f.regimePromptMs(row)).toBeCloseTo(row.promptMs / r.prompts, 10);
    }
    expect(f.regimePromptMs(undefined)).toBeUndefined();
    const row = f.regimeRow('memory-bound', 'chain 2')!;
    expect(f.promptInPlainTokens('memory-bound', 'chain 2')).toBeCloseTo(
      row.promptMs / r.prompts / row.plainMsPerToken,
      12,
    );
    expect(f.promptInPlainTokens('memory-bound', 'no such tree')).toBeUndefined();
    // The load the race and the regimes ran under is recorded with them, for the prose to give.
    for (const load of [f.m.race.loadAverage, r.loadAverage]) expect(load).toBeGreaterThanOrEqual(0);
  });

  test('costs: the one-token target pass and lookups by size', () => {
    expect(f.cost1).toBe(f.costOf(f.m.cost.targetTfjs, 1));
    expect(f.costOf(f.m.cost.targetTfjs, 3)).toBeUndefined();
    expect(f.num(undefined)).toBe('—');
    expect(f.num(2.34567)).toBe('2.35');
    expect(f.pct(0.523)).toBe('52.3%');
  });

  test('ratios: a one-token pass costs one target pass; widening and the modelled speed-up follow their formulas', () => {
    expect(f.passCost(f.m.cost.targetTfjs, 1)).toBe(1);
    expect(f.passCost(f.m.cost.targetTfjs, 3)).toBeUndefined();
    if (f.w5 !== undefined && f.w1 !== undefined) expect(f.widenGreedy).toBeCloseTo(f.w5 / f.w1, 12);
    expect(Number.isInteger(f.raceNewTokens)).toBe(true);
    const c2 = f.c2!;
    const c1 = c2.plainCpuMs! / c2.tokens;
    expect(f.c2PlainMsPerToken).toBe(c1);
    // The lesson explains a shortfall by the bookkeeping only when the race falls short of the promise by over 3%.
    expect(f.c2MeasuredOverPromised).toBeCloseTo(c2.cpuSpeedup! / f.c2ModelledSpeedup!, 12);
    expect(f.c2BookkeepingShows).toBe(f.c2MeasuredOverPromised! < 0.97);
    expect(f.c2ModelledSpeedup).toBeCloseTo((c2.tokensPerPass * c1) / (c2.targetMsPerPass + c2.draftMsPerPass), 12);
    expect(f.targetOverDraft).toBeGreaterThan(1);
  });

  test("regimes: the chosen tree is the memory-bound sweep's fastest, raced in all three regimes; its read rate is bytes over time", () => {
    const r = f.regimes!;
    const sweep = r.sweep!;
    const fastest = sweep.reduce((a, row) => (row.speedup > a.speedup ? row : a));
    expect(f.regimeTree).toBe(fastest.shape);
    for (const regime of ['overhead-bound', 'compute-bound', 'memory-bound'] as const) {
      expect(f.regimeRow(regime, f.regimeTree)).toBeDefined();
      expect(f.regimeRow(regime, 'chain 2')).toBeDefined();
    }
    expect(sweep.every((row) => row.regime === 'memory-bound' && row.identical)).toBe(true);
    const mem = f.memoryTree!;
    expect(f.readGBps).toBeCloseTo(mem.bytesPerPass! / mem.readMsPerPass! / 1e6, 12);
  });

  test('words from the measurements have their Chinese: the clock keeps its counts, no English left', () => {
    const digits = (text: string | undefined) => text?.match(/\d+/g);
    expect(f.clockName.en).toMatch(/processor time/);
    expect(digits(f.clockName.zh)).toEqual(digits(f.clockName.en));
    expect(f.clockName.zh).not.toMatch(/[A-Za-z]{3,}/);
    for (const name of Object.values(f.regimeName.zh)) expect(name).not.toMatch(/[A-Za-z]/);
    for (const row of f.m.race.rows) expect(f.draftName.zh[row.draft]).toBeDefined();
  });
});
