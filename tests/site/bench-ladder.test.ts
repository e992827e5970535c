// /bench/'s lesson 9 ladder in Chromium: the recorded ladders (site/data/bench-reference.json) are on the page in both
// editions, each rung with its step measured and as the lessons' models predict it; and a run of the ladder alone
// (?only=ladder) on this browser's OPFS adds its own rows, whose figures are the ones the worker returned, checked
// the same way.
import { afterAll, describe, expect, test } from 'vitest';
import { LADDER_DEFAULTS, ladderSteps } from '../../lib/capstone/measure.ts';
import { checkBrowserLadder, type BrowserLadder } from '../../site/i18n/capstone-ladder.ts';
import { times } from '../../site/widgets/_kit/format.ts';
import { expectClean, openPage, type OpenedPage } from './harness.ts';

const opened: OpenedPage[] = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

const rowsOf = (o: OpenedPage, selector: string) =>
  o.page
    .locator(`#bench-capstone tbody ${selector}`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));

describe('/bench/: lesson 9’s ladder', () => {
  test('the recorded ladders are on the page in both editions, each step measured and modelled, a reason when off by more than 25%', async () => {
    for (const [path, yes, no] of [
      ['/bench/', 'yes', 'no'],
      ['/zh/bench/', '是', '否'],
    ] as const) {
      const o = await openPage(path);
      opened.push(o);
      const rows = await rowsOf(o, 'tr[data-ref]');
      expect(rows.length).toBeGreaterThanOrEqual(8); // at least one ladder of 8 rungs
      expect(rows.length % 8).toBe(0);
      for (const r of rows) {
        expect(r).toHaveLength(10);
        expect(r[6]).toMatch(/^[\d.]+×$/);
        expect(r[7]).toMatch(/^[\d.]+×$/);
        expect([yes, no]).toContain(r[8]);
        if (r[8] === no) expect(r[9]).toMatch(/\d (ms|µs)/);
        else expect(r[9]).toBe('—');
      }
      expect(await o.page.locator('#bench-capstone-wholes li').count()).toBe(rows.length / 8);
      expectClean(o);
    }
  });

  test('a run of the ladder on this browser’s OPFS adds eight rows that show what the worker measured', async () => {
    // One run of 6 tokens per combination: the checks are of what is shown, not of speed.
    const o = await openPage('/bench/?backend=wasm&only=ladder&repeats=1&tokens=6');
    opened.push(o);
    const state = o.page.locator('#bench-result:is([data-state="done"], [data-state="error"])');
    await state.waitFor({ state: 'attached', timeout: 900_000 });
    const raw = (await o.page.locator('#bench-result').textContent()) ?? '';
    expect(await o.page.locator('#bench-result').getAttribute('data-state'), raw.slice(0, 400)).toBe('done');
    const ladder = (JSON.parse(raw) as { capstone: BrowserLadder }).capstone;
    expect(ladder.storage).toBe('opfs');
    expect(ladder.tokens).toBe(6);
    const { chain, tree } = LADDER_DEFAULTS;
    expect(ladder.rungs.map((r) => r.id)).toEqual(ladderSteps(chain, tree).map((s) => s.id));
    // Greedy with exact neurons: the fp32 rungs write one text, the int4 rungs one text.
    expect(new Set(ladder.rungs.slice(0, 5).map((r) => r.run.text)).size).toBe(1);
    expect(new Set(ladder.rungs.slice(5).map((r) => r.run.text)).size).toBe(1);
    expect(ladder.rungs.reduce((a, r) => a * r.stepGain, 1)).toBeCloseTo(ladder.whole, 9);
    // The tree sweep: every shape, every other switch on (int4 among them), so each writes the int4 rungs' text.
    expect(ladder.sweep?.map((p) => p.shape)).toEqual([...LADDER_DEFAULTS.sweep]);
    for (const p of ladder.sweep!) {
      expect(p.run.text).toBe(ladder.rungs.at(-1)!.run.text);
      expect(p.run.tokensPerSecond).toBeGreaterThan(0);
      if (p.shape === 'plain') expect(p.run.tokensPerPass).toBe(1);
      else expect(p.run.tokensPerPass).toBeGreaterThanOrEqual(1);
    }
    const mine = await rowsOf(o, 'tr:not([data-ref])');
    expect(mine).toHaveLength(8);
    const check = checkBrowserLadder(ladder);
    mine.forEach((r, i) => {
      expect(r[0]).toBe('your browser, wasm');
      expect(r[6]).toBe(times(check.rungs[i].measured));
      expect(r[7]).toBe(times(check.rungs[i].predicted));
    });
    expect(await o.page.locator('#bench-capstone-wholes li').last().textContent()).toContain(
      times(check.measuredWhole),
    );
    expectClean(o);
  });
});
