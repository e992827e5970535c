// Words that facts modules hand to both editions of a lesson ({ en, zh } tables): every name has both, the Chinese
// one is Chinese, and the two carry the same numbers (a translated name never drops or changes a figure).
import { describe, expect, test } from 'vitest';
import { f as capstone } from '../../../lessons/facts/capstone.ts';
import { NAMES, table } from '../../../lessons/facts/llm-in-a-flash.ts';
import { tokenSets } from '../../../site/data/token-sets.ts';

const digits = (s: string) => s.match(/\d+(?:[.,]\d+)*/g) ?? [];
const CHINESE = /[\u4e00-\u9fff]/;

function expectSameNameInBoth(name: { en: string; zh: string }) {
  expect(name.en.trim(), JSON.stringify(name)).not.toBe('');
  expect(name.zh, name.en).toMatch(CHINESE);
  expect(digits(name.zh), name.en).toEqual(digits(name.en));
}

describe('names given to both editions by facts modules', () => {
  test("lesson 4's ablation rows: one name per rung in each edition, and the table reads them", () => {
    expect(Object.keys(NAMES.zh).sort()).toEqual(Object.keys(NAMES.en).sort());
    expect(table.length).toBeGreaterThan(0);
    for (const row of table) {
      expect(row.name).toEqual({ en: NAMES.en[row.paper.id], zh: NAMES.zh[row.paper.id] });
      expectSameNameInBoth(row.name);
    }
  });

  test("lesson 9's ladder: every measured rung keeps lib/capstone's English label and has a Chinese one", () => {
    expect(capstone.rows.map((r) => r.label.en)).toEqual(capstone.m.rungs.map((r) => r.label));
    for (const row of capstone.rows) expectSameNameInBoth(row.label);
  });

  test('token sets: `name` is the English name, and each set has a Chinese one', () => {
    for (const set of tokenSets()) {
      expect(set.name).toBe(set.names.en);
      expectSameNameInBoth(set.names);
    }
  });
});
