import { describe, expect, it } from 'vitest';
import { allCombinations, capstoneLabel, validateCapstoneOptions } from '../../../lib/capstone/index.ts';

describe('the capstone switches', () => {
  it('fills defaults and derives the tree from the speculation', () => {
    const o = validateCapstoneOptions({ speculation: 'tree' });
    expect(o.shape).toBe('2,2,1');
    expect(o.tree).toEqual({ kind: 'expansion', widths: [2, 2, 1] });
    expect(validateCapstoneOptions({}).tree).toEqual({ kind: 'expansion', widths: [] });
  });

  it('refuses bad values with a message that names the switch', () => {
    expect(() => validateCapstoneOptions({ weights: 'int8' as never })).toThrow(/weights must be one of fp32, int4/);
    expect(() => validateCapstoneOptions({ ffn: 'sparse' as never })).toThrow(/ffn must be one of/);
    expect(() => validateCapstoneOptions({ window: 'yes' as never })).toThrow(/window must be true or false/);
    expect(() => validateCapstoneOptions({ temperature: -1 })).toThrow(/temperature/);
    expect(() => validateCapstoneOptions({ seed: 1.5 })).toThrow(/seed/);
    expect(() => validateCapstoneOptions({ speculation: 'plain', shape: 'chain 3' })).toThrow(/plain decoding/);
    expect(() => validateCapstoneOptions({ speculation: 'chain', shape: '2,2' })).toThrow(/chain shape/);
    expect(() => validateCapstoneOptions({ speculation: 'tree', shape: 'chain 3' })).toThrow(/branching shape/);
    expect(() => validateCapstoneOptions({ speculation: 'tree', shape: '9,9,9' })).toThrow(/over the budget/);
  });

  it('lists every combination once, each with its own label', () => {
    const all = allCombinations();
    // span with the two sparse choices only (dense reads whole layers either way)
    expect(all).toHaveLength(2 * (1 + 2 * 2) * 2 * 2 * 2 * 3);
    expect(new Set(all.map(capstoneLabel)).size).toBe(all.length);
    for (const o of all) expect(() => validateCapstoneOptions(o)).not.toThrow();
  });

  it('names speculation once: "chain 2", "tree ⟨2,2,1⟩"', () => {
    const labels = allCombinations().map(capstoneLabel);
    expect(labels.filter((l) => /\bchain chain\b|\btree tree\b/.test(l))).toEqual([]);
    expect(labels.some((l) => / · chain \d+ · /.test(l))).toBe(true);
    expect(labels.some((l) => / · tree ⟨[\d,]+⟩ · /.test(l))).toBe(true);
  });
});
