// The exercises at the end of every lesson, in Chromium: per lesson, one problem of each kind answered wrong, then
// right (the feedback says so, in its aria-live box), hints one at a time, the solution only after an attempt or a
// second press, progress kept after a reload, `?solutions=hide` removing every reveal, and the reset. One page load
// per lesson plus the reload; lessons alternate between a 375 px dark page and a desktop light one. The answers'
// own values are checked against lib in tests/widgets/lessons/exercises.test.ts.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

interface LessonCase {
  slug: string;
  /** A setting of the experiment's parameter that is not an answer. */
  wrongSetting: number | string;
}

const LESSONS: LessonCase[] = [
  { slug: '01-three-views-of-xw', wrongSetting: '2,0,1' },
  { slug: '02-powerinfer-hot-cold-neurons', wrongSetting: 0.2 },
  { slug: '03-powerinfer-2-sparsity-on-a-phone', wrongSetting: 0.5 },
  { slug: '04-llm-in-a-flash', wrongSetting: 5 },
  { slug: '05-flexgen', wrongSetting: 3 },
  { slug: '06-awq', wrongSetting: 0.5 },
  { slug: '07-lora', wrongSetting: 4 },
  { slug: '08-specinfer', wrongSetting: '2,2,2' },
  { slug: '09-everything-at-once', wrongSetting: 'dense' },
];

interface Check {
  kind: 'number' | 'experiment' | 'explain';
  answer?: number | string | string[];
  widget?: string;
  param?: string;
  given: Record<string, string | number>;
}

const checkOf = async (p: Locator): Promise<Check> => JSON.parse((await p.getAttribute('data-check'))!);
const first = (page: Page, kind: Check['kind']) =>
  page.locator(`[data-problem][data-check*='"kind":"${kind}"']`).first();
const feedback = (p: Locator) => p.locator('[data-feedback]');

async function answerNumber(p: Locator) {
  const { answer } = await checkOf(p);
  const box = p.getByLabel(/Your answer/);
  await box.fill(String((answer as number) + Math.abs(answer as number) / 2 + 1));
  await box.press('Enter'); // the keyboard alone checks
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toBe('high');
  expect(await feedback(p).textContent()).toMatch(/^Not yet: that is too high/);
  expect(await p.locator('[data-status]').textContent()).toContain('not yet');
  await box.fill(String(answer));
  await p.getByRole('button', { name: 'Check', exact: true }).click();
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toBe('right');
  expect(await p.locator('[data-status]').textContent()).toContain('right');
}

async function answerExperiment(page: Page, p: Locator, wrong: number | string) {
  const { widget, param, answer, given } = await checkOf(p);
  const host = page.locator(`.kit[data-key="${widget}"]`);
  await host.scrollIntoViewIfNeeded();
  await page.locator(`.kit[data-key="${widget}"]:not([data-state="static"])`).waitFor({ timeout: 60_000 });
  // Through the kit's own set(), as a control would; a list parameter ("0,2,0") is set as its numbers.
  const setWidget = (values: Record<string, unknown>) =>
    host.evaluate((el, v) => {
      const w = el as HTMLElement & { values: Record<string, unknown>; set(v: Record<string, unknown>): void };
      for (const [k, x] of Object.entries(v))
        if (Array.isArray(w.values[k]) && typeof x === 'string') v[k] = x.split(',').map(Number);
      w.set(v);
    }, values);
  await setWidget({ ...given, [param!]: wrong });
  await p.locator('[data-check-answer]').click();
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toMatch(/^(high|low|wrong)$/);
  expect(await feedback(p).textContent()).toContain(`is ${wrong}`);
  await setWidget({ ...given, [param!]: Array.isArray(answer) ? answer[0] : answer });
  await p.locator('[data-check-answer]').click();
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toBe('right');
}

async function answerExplain(p: Locator) {
  // Asked before any attempt, the solution needs a second press.
  const show = p.locator('[data-show-solution]');
  await show.click();
  expect(await p.locator('[data-solution]').isHidden()).toBe(true);
  expect(await feedback(p).textContent()).toMatch(/not tried it yet/);
  await p.getByLabel(/Your explanation/).fill('Because the pass is memory-bound.');
  await show.click();
  expect(await p.locator('[data-solution]').isVisible()).toBe(true);
  await p.getByRole('button', { name: 'Mine missed something' }).click();
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toBe('wrong');
  await p.getByRole('button', { name: 'Mine covered it' }).click();
  await expect.poll(() => feedback(p).getAttribute('data-verdict')).toBe('right');
}

async function hintsOneAtATime(p: Locator) {
  const hints = p.locator('[data-hint]');
  const n = await hints.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    expect(await hints.nth(i).isHidden()).toBe(true);
    await p.locator('[data-show-hint]').click();
    expect(await hints.nth(i).isVisible()).toBe(true);
    if (i + 1 < n) expect(await hints.nth(i + 1).isHidden()).toBe(true);
  }
  expect(await p.locator('[data-show-hint]').isHidden()).toBe(true);
}

describe('exercises at the end of each lesson', () => {
  LESSONS.forEach(({ slug, wrongSetting }, i) => {
    test(`${slug}: each kind right and wrong, hints, solution, progress after reload, ?solutions=hide, reset`, async () => {
      const phone = i % 2 === 0;
      const options = phone
        ? { viewport: { width: 375, height: 800 }, colorScheme: 'dark' as const }
        : { colorScheme: 'light' as const };
      const opened = await openPage(`/lessons/${slug}/`, options);
      const { page } = opened;
      try {
        const problems = page.locator('[data-problem]');
        const count = await problems.count();
        expect(count).toBeGreaterThanOrEqual(4);
        expect(count).toBeLessThanOrEqual(8);
        // Every number came through: no MDX expression left as text inside maths or code.
        expect(await page.locator('[data-exercises]').textContent()).not.toMatch(/\bex\.[a-z]/i);
        await page.locator('[data-exercises] [data-reset]:not([disabled])').waitFor();

        const num = first(page, 'number');
        const exp = first(page, 'experiment');
        const why = first(page, 'explain');
        await num.scrollIntoViewIfNeeded();
        // Hints come one at a time on the number problem; its solution shows at once after an attempt.
        await hintsOneAtATime(num);
        await answerNumber(num);
        await num.locator('[data-show-solution]').click();
        expect(await num.locator('[data-solution]').isVisible()).toBe(true);
        expect(await num.locator('[data-answer-text]').textContent()).toMatch(/^Answer: \S/);
        await answerExperiment(page, exp, wrongSetting);
        await answerExplain(why);
        expect(await page.locator('[data-ex-progress]').textContent()).toBe(`3 of ${count} answered right.`);
        if (phone) {
          const wide = await page.locator('[data-exercises]').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
          expect(wide, 'exercises wider than a 375 px screen').toBe(false);
        }
        // The printed sheet: no buttons, and the answers on a page of their own.
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('[data-answer-sheet]').isVisible()).toBe(true);
        expect(await page.locator('[data-answer-sheet] .ex-sheet-entry').count()).toBe(count);
        expect(await page.locator('[data-exercises] button:visible').count()).toBe(0);
        await page.emulateMedia({ media: 'screen' });

        // Reload for a class: progress is still there, every reveal is gone, checking still works.
        await page.goto(new URL('?solutions=hide', page.url()).href);
        await page.locator('[data-exercises] [data-reset]:not([disabled])').waitFor();
        expect(await page.locator('[data-ex-progress]').textContent()).toBe(`3 of ${count} answered right.`);
        for (const p of [num, exp, why]) expect(await p.getAttribute('data-status')).toBe('right');
        expect(await num.getByLabel(/Your answer/).inputValue()).toBe(String((await checkOf(num)).answer));
        for (const sel of ['[data-show-solution]', '[data-show-hint]', '[data-solution]', '[data-hint]', '[data-self]'])
          expect(await page.locator(`[data-exercises] ${sel}`).count(), sel).toBe(0);
        expect(await page.locator('[data-solutions-note]').isVisible()).toBe(true);
        await num.getByLabel(/Your answer/).fill('-1e12');
        await num.getByRole('button', { name: 'Check', exact: true }).click();
        await expect.poll(() => feedback(num).getAttribute('data-verdict')).toBe('low');

        // Reset clears this lesson's progress and its stored entry.
        await page.locator('[data-reset]').click();
        expect(await page.locator('[data-ex-progress]').textContent()).toMatch(
          new RegExp(`^0 of ${count} answered right`),
        );
        expect(await num.getByLabel(/Your answer/).inputValue()).toBe('');
        expect(
          await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('llmp-exercises:'))),
        ).toEqual([]);
        expectClean(opened);
      } finally {
        await opened.close();
      }
    });
  });
});
