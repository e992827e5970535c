// Lesson 9's browser ladders (site/i18n/capstone-ladder.ts over site/data/bench-reference.json's `capstone`): the rows
// the lesson and /bench/ show are the recorded figures and lib's check of them, in each edition's words.
import { describe, expect, test } from 'vitest';
import { fastestShape, LADDER_DEFAULTS, ladderSteps } from '../../../lib/capstone/measure.ts';
import { opfsProfiles } from '../../../lessons/facts/llm-in-a-flash.ts';
import reference from '../../../site/data/bench-reference.json';
import {
  type BrowserLadder,
  checkBrowserLadder,
  isPersistent,
  ladderRows,
  opfsReadMs,
  rungName,
  shapeOf,
  whereIn,
} from '../../../site/i18n/capstone-ladder.ts';
import { times } from '../../../site/widgets/_kit/format.ts';

const ladders = (reference as unknown as { capstone?: BrowserLadder[] }).capstone ?? [];

describe('lesson 9’s browser ladders', () => {
  test('every rung of the ladder has a name in both editions, the shape taken from its label', () => {
    const { chain, tree } = LADDER_DEFAULTS;
    for (const step of ladderSteps(chain, tree)) {
      const name = rungName(step, shapeOf(step.label));
      expect(name.en).toBe(step.label);
      // No English word but short names (fp32, int4, FFN) and the shape text, which is lesson 8's notation.
      expect(name.zh.replace(shapeOf(step.label), '')).not.toMatch(/[a-z]{4,}/);
    }
    expect(shapeOf('+ draft chain (chain 2)')).toBe('chain 2');
    expect(() => rungName({ id: 'nope', label: 'nope' }, '')).toThrow(/no Chinese name/);
  });

  test('a recorded ladder of each profile, OPFS, every rung the same greedy text within its weights', () => {
    expect(ladders.map((l) => /persistent/.test(l.where)).sort()).toEqual([false, true]);
    for (const l of ladders) {
      expect(l.storage).toBe('opfs');
      const { chain, tree } = LADDER_DEFAULTS;
      expect(l.rungs.map((r) => r.id)).toEqual(ladderSteps(chain, tree).map((s) => s.id));
      const fp32 = l.rungs.slice(
        0,
        l.rungs.findIndex((r) => r.id === 'int4'),
      );
      expect(new Set(fp32.map((r) => r.run.text)).size).toBe(1);
      expect(l.curve.length).toBeGreaterThan(0);
    }
  });

  test('the rows show the recorded figures and lib’s check of them, in each edition’s words', () => {
    for (const l of ladders) {
      const check = checkBrowserLadder(l);
      for (const lang of ['en', 'zh'] as const) {
        const rows = ladderRows(l, lang);
        expect(rows).toHaveLength(l.rungs.length);
        rows.forEach((r, i) => {
          expect(r[0]).toBe(whereIn(l.where, lang));
          expect(r[6]).toBe(times(check.rungs[i].measured));
          expect(r[7]).toBe(times(check.rungs[i].predicted));
          expect(r[9] === '—').toBe(!check.rungs[i].outside);
          if (lang === 'zh') expect(`${r[0]} ${r[1]} ${r[9]}`).not.toMatch(/browser|profile|reads|models/);
        });
      }
      // The step gains the worker measured are the check's measured steps.
      check.rungs.forEach((c, i) => expect(c.measured).toBeCloseTo(l.rungs[i].stepGain, 9));
    }
  });

  test('each recorded ladder carries its tree sweep: every shape, the int4 rung’s text, the fastest one named', () => {
    for (const l of ladders) {
      expect(l.sweep?.map((p) => p.shape)).toEqual([...LADDER_DEFAULTS.sweep]);
      const int4 = l.rungs.find((r) => r.id === 'int4')!.run.text;
      for (const p of l.sweep!) expect(p.run.text).toBe(int4);
      const best = fastestShape(l.sweep!);
      for (const p of l.sweep!) expect(best.run.tokensPerSecond).toBeGreaterThanOrEqual(p.run.tokensPerSecond);
      expect(l.loadAverage).toHaveLength(3);
    }
  });

  test('lesson 4’s read cost per profile is the recorded curves’ 1 KiB read, one per profile', () => {
    const of = (persistent: boolean) => opfsReadMs(ladders.find((l) => isPersistent(l) === persistent)!, 1024);
    expect(opfsProfiles.offTheRecordMs).toBe(of(false));
    expect(opfsProfiles.persistentMs).toBe(of(true));
    for (const ms of [opfsProfiles.offTheRecordMs!, opfsProfiles.persistentMs!]) expect(ms).toBeGreaterThan(0);
  });
});
