// Lesson 8, "SpecInfer", in Chromium: the static first view carries the build-time measurements, the first tree
// step and the paper's cited figures; the page loads clean and every widget computes (a tree step in the worker, the
// tokens-per-pass chart, 10,000 runs of speculative sampling, a race with identical text); garbage URL parameters
// give notes and the widgets still work.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import * as f from '../../lessons/facts/specinfer.ts';
import { statText } from '../../site/widgets/stat/format.ts';
import { expectClean, openPage } from './harness.ts';

const { num } = f;

const PATH = '/lessons/08-specinfer/';

async function ready(page: Page, tag: string) {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}[data-ready="true"]`).waitFor({ timeout: 120_000 });
  return el;
}

const settled = (page: Page, tag: string, timeout = 180_000) =>
  page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout });

describe('lesson 8 page', () => {
  test('the static first view shows measured tables, the first tree step with its mask, and cited figures', () => {
    const html = readFileSync(join(inject('distDir'), 'lessons/08-specinfer/index.html'), 'utf8');
    expect(html).toMatch(/href="https:\/\/arxiv\.org\/abs\/2305\.09781/);
    expect(html).toContain('measured on our model');
    expect(html).toContain('82–89');
    expect(html).toContain('<spec-tree');
    expect(html).toMatch(/node \d+ sees node \d+/); // the mask grid of the build-time step
    expect(html).toMatch(/tokens per target pass/i);
  });

  test('both editions give c₁ after the prompt and the prompt pass it leaves out, each from the data', () => {
    for (const path of ['lessons/08-specinfer/index.html', 'zh/lessons/08-specinfer/index.html']) {
      const text = readFileSync(join(inject('distDir'), path), 'utf8')
        .replace(/<[^>]+>/g, '')
        .replace(/&nbsp;|\u00a0/g, ' ');
      const shown = (value: number | undefined) => statText({ value: value!, source: 'measured' });
      // The race's chain of two: c₁ and the plain pass over one prompt, in ms and in plain tokens.
      expect(text, path).toContain(num(f.c2PlainMsPerToken));
      expect(text, path).toContain(`${shown(f.c2PromptMs)} ms`);
      expect(text, path).toContain(shown(f.promptPassCost));
      // The regimes table: every row's prompt pass per prompt, and the load the recording ran under.
      for (const row of f.regimes!.rows)
        expect(text, `${path} ${row.regime} ${row.shape}`).toContain(shown(f.regimePromptMs(row)));
      expect(text, path).toContain(num(f.regimes!.loadAverage, 2));
      expect(text, path).toContain(num(f.m.race.loadAverage, 2));
      expect(text, path).not.toMatch(/\$c_[1T]\$/); // maths inside JSX is not typeset: never left as source
    }
  });

  test('loads clean; a tree step, the chart, 10,000 sampling runs and a race all compute', async () => {
    const opened = await openPage(`${PATH}?race.tokens=24`);
    const { page } = opened;

    await ready(page, 'spec-tree');
    await settled(page, 'spec-tree');
    expect(await page.locator('spec-tree').getAttribute('data-state')).toBe('done');
    expect(await page.locator('spec-tree [data-out="passes"]').textContent()).toBe('1');
    await page.locator('spec-tree [data-action="step"]').click();
    await expect.poll(() => page.locator('spec-tree [data-out="passes"]').textContent(), { timeout: 60_000 }).toBe('2');
    expect(await page.locator('spec-tree .spec-mask td[data-on="true"]').count()).toBeGreaterThan(1);

    await ready(page, 'spec-passes');
    await expect
      .poll(() => page.locator('spec-passes [data-chart="chart"] svg').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await page.locator('spec-passes select').selectOption('greedy');
    await expect.poll(() => page.locator('spec-passes [data-summary]').textContent()).not.toMatch(/sampled:/);

    await ready(page, 'spec-sampling');
    await settled(page, 'spec-sampling');
    await page.locator('spec-sampling [data-action="run"]').click();
    await expect
      .poll(() => page.locator('spec-sampling [data-progress]').textContent(), { timeout: 120_000 })
      .toMatch(/^10,000 runs/);
    expect(await page.locator('spec-sampling [data-chart="chart"] svg').count()).toBeGreaterThan(0);
    await page.locator('spec-sampling [data-action="draw"]').click();
    await expect
      .poll(() => page.locator('spec-sampling [data-out="trial"] li').count(), { timeout: 30_000 })
      .toBeGreaterThan(1);

    await ready(page, 'spec-race');
    await page.locator('spec-race [data-action="race"]').click();
    await settled(page, 'spec-race');
    expect(await page.locator('spec-race').getAttribute('data-state')).toBe('done');
    expect(await page.locator('spec-race [data-progress]').textContent()).toMatch(/texts are identical/);
    expect(await page.locator('spec-race [data-out="spec-text"]').textContent()).toBe(
      await page.locator('spec-race [data-out="plain-text"]').textContent(),
    );
    expectClean(opened);
    await opened.close();
  });

  test('garbage URL parameters give notes, and the widgets still work', async () => {
    const opened = await openPage(
      `${PATH}?tree.shape=banana&tree.tokens=abc&passes.decoding=zz&mss.children=99&mss.temperature=hot&race.tokens=-5&race.tree=9,9,9`,
    );
    const { page } = opened;
    await ready(page, 'spec-tree');
    await settled(page, 'spec-tree');
    expect(await page.locator('spec-tree [data-notes]').textContent()).toMatch(/banana.*does not parse/);
    expect(await page.locator('spec-tree [data-notes]').textContent()).toMatch(/tree\.tokens/);
    expect(await page.locator('spec-tree').getAttribute('data-state')).toBe('done');

    await ready(page, 'spec-passes');
    expect(await page.locator('spec-passes [data-notes]').textContent()).toMatch(/passes\.decoding/);

    await ready(page, 'spec-sampling');
    expect(await page.locator('spec-sampling [data-notes]').textContent()).toMatch(/mss\.children|mss\.temperature/);
    await settled(page, 'spec-sampling');
    expect(await page.locator('spec-sampling').getAttribute('data-state')).toBe('done');

    await ready(page, 'spec-race');
    expect(await page.locator('spec-race [data-notes]').textContent()).toMatch(/race\.tokens/);
    await page.locator('spec-race [data-action="race"]').click();
    await settled(page, 'spec-race');
    // An over-budget tree is refused with the library's message; the widget stays usable.
    expect(await page.locator('spec-race [data-progress]').textContent()).toMatch(/over the budget of 64/);
    expect(await page.locator('spec-race [data-action="race"]').isDisabled()).toBe(false);
    expectClean(opened);
    await opened.close();
  });
});
