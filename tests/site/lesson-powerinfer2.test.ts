// Lesson 3, "PowerInfer-2: sparsity on a phone", in Chromium: the page loads clean, the three widgets compute in the
// model worker, the cache numbers follow the budget slider's keyboard, the pipeline toggle changes the total time,
// bad URL values are explained in notes, and a 375 px phone in dark mode does not scroll sideways.
// Every URL keeps the batch run tiny (B ≤ 2, 2 steps) so the shared worker is never busy for long.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { expectClean, openPage, type OpenedPage } from './harness.ts';

const PATH = '/lessons/03-powerinfer-2-sparsity-on-a-phone/';
const SMALL = 'batch.batch=2&batch.steps=2';

/** Scroll to widget `tag` and wait until its worker run has finished (or failed); returns its final state. */
async function settled(page: Page, tag: string): Promise<string | null> {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout: 90_000 });
  return el.getAttribute('data-state');
}

describe('lesson 3 page, its three widgets on one page', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openPage(`${PATH}?batch.batch=4&batch.steps=3&pipe.cached=0.75`); // 0.75: some clusters on flash for any model
  });
  afterAll(() => opened?.close());

  test('loads clean, and every widget computes in the worker (batch union at small settings)', async () => {
    const { page } = opened;
    expect(await settled(page, 'batch-union')).toBe('done');
    // B = 1, 2, 4 in the table; the union can only grow with B.
    const rows = page.locator('batch-union [data-table="union"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const means = (await page.locator('batch-union [data-table="union"] tbody tr td:last-child').allTextContents()).map(
      parseFloat,
    );
    expect(means[0]).toBeGreaterThan(0);
    expect(means[2]).toBeGreaterThanOrEqual(means[0]);
    expect(await page.locator('batch-union [data-chart="union"] svg').count()).toBeGreaterThan(0);
    expect(await settled(page, 'neuron-cache-sim')).toBe('done');
    expect(await settled(page, 'pipeline-gantt')).toBe('done');
    await page.waitForLoadState('networkidle');
    expectClean(opened);
  });

  test('with every chart drawn, the page still has no WCAG A/AA violations (axe)', async () => {
    const { page } = opened;
    for (const tag of ['batch-union', 'neuron-cache-sim', 'pipeline-gantt'])
      expect(await settled(page, tag)).toBe('done');
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is the global the injected script defines
      const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      return r.violations.map(
        (v: { id: string; nodes: { target: string[] }[] }) =>
          `${v.id} at ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
    });
    expect(violations).toEqual([]);
  });

  test('NeuronCacheSim: the budget slider answers the keyboard and the cache numbers follow at once', async () => {
    const { page } = opened;
    expect(await settled(page, 'neuron-cache-sim')).toBe('done');
    const hit = page.locator('neuron-cache-sim [data-out="hit"]');
    const io = page.locator('neuron-cache-sim [data-out="io"]');
    const before = [await hit.textContent(), await io.textContent()];
    const slider = page.getByLabel('Memory for FFN neurons (share of all FFN weights)').filter({ visible: true });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // 50% → 60%
    await expect.poll(() => page.locator('neuron-cache-sim [data-out="memory"]').textContent()).toBe('60%');
    await expect.poll(async () => [await hit.textContent(), await io.textContent()]).not.toEqual(before);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('cache.memory=0.6');
    await page.keyboard.press('End'); // everything in memory: nothing left to read
    await expect.poll(() => hit.textContent()).toContain('100%');
  });

  test('PipelineGantt: toggling matrix-level / cluster-level changes the total time; the keyboard steps through tasks', async () => {
    const { page } = opened;
    expect(await settled(page, 'pipeline-gantt')).toBe('done');
    const total = page.locator('pipeline-gantt [data-out="total"]');
    const cluster = await total.textContent();
    const clusterMs = Number(await page.locator('pipeline-gantt').getAttribute('data-total-ms'));
    const radio = page.getByRole('radio', { name: 'Cluster-level' });
    await radio.focus();
    await page.keyboard.press('ArrowLeft'); // → Matrix-level
    expect(await page.getByRole('radio', { name: 'Matrix-level' }).isChecked()).toBe(true);
    await expect.poll(() => total.textContent()).not.toBe(cluster);
    expect(Number(await page.locator('pipeline-gantt').getAttribute('data-total-ms'))).toBeGreaterThan(clusterMs);
    await page.getByRole('button', { name: 'Next task ▶' }).press('Enter');
    await expect.poll(() => page.locator('pipeline-gantt [data-out="step"]').textContent()).toContain('Task 1 of');
    expectClean(opened);
  });

  test('the static first view (built HTML) already shows numbers measured on our model and cited paper figures', () => {
    const html = readFileSync(
      join(inject('distDir'), 'lessons/03-powerinfer-2-sparsity-on-a-phone/index.html'),
      'utf8',
    );
    expect(html).toMatch(/data-out="hit">\d+(\.\d+)?%/);
    expect(html).toMatch(/data-out="total">[\d.]+ µs/);
    expect(html).not.toContain('not measured yet');
    expect(html).toContain('measured on our model');
    expect(html).toContain('from the paper, 2406.06282 §2.2, Fig. 2');
    expect(html).toContain('arxiv.org/abs/2406.06282v3');
  });
});

describe('URL state', () => {
  test('bad values are clamped or ignored with a visible note, and the widgets still work', async () => {
    const { page, close, ...rest } = await openPage(
      `${PATH}?batch.batch=99&batch.steps=2&cache.budget=lots&pipe.mode=diagonal&pipe.token=5000`,
    );
    expect(await settled(page, 'batch-union')).toBe('done');
    await expect
      .poll(() => page.locator('batch-union [data-notes]').textContent())
      .toContain('batch.batch="99" is above the maximum');
    expect(await page.locator('batch-union [data-out="size"]').textContent()).toBe('16');
    expect(await settled(page, 'neuron-cache-sim')).toBe('done');
    expect(await page.locator('neuron-cache-sim [data-notes]').textContent()).toContain('Ignored cache.budget="lots"');
    expect(await settled(page, 'pipeline-gantt')).toBe('done');
    const notes = await page.locator('pipeline-gantt [data-notes]').textContent();
    expect(notes).toContain('Ignored pipe.mode="diagonal"');
    expect(notes).toContain('pipe.token="5000" is above the maximum');
    expectClean(rest);
    await close();
  });
});

describe('old links', () => {
  test('URL names from before the kit are still read, and the current names are written back', async () => {
    const { page, close, ...rest } = await openPage(`${PATH}?batch.batch=2&batch.temp=0&batch.steps=2&cache.budget=60`);
    expect(await settled(page, 'batch-union')).toBe('done');
    expect(await page.locator('batch-union [data-out="size"]').textContent()).toBe('2');
    expect(await page.locator('batch-union [data-out="temperature"]').textContent()).toBe('0 (greedy)');
    expect(await settled(page, 'neuron-cache-sim')).toBe('done');
    expect(await page.locator('neuron-cache-sim [data-out="memory"]').textContent()).toBe('60%');
    await page.getByLabel('Seed').filter({ visible: true }).first().fill('2');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('batch.size=2');
    const search = await page.evaluate(() => location.search);
    expect(search).toContain('batch.temperature=0');
    expect(search).not.toContain('batch.batch=');
    expectClean(rest);
    await close();
  });
});

describe('phone layout', () => {
  // After the widgets draw, the page pass checks it (375 px, dark: tests/site/page-suite.ts).
  test('375 px in dark mode: no horizontal scroll before the widgets draw', async () => {
    const { page, close, ...rest } = await openPage(`${PATH}?${SMALL}`, {
      colorScheme: 'dark',
      viewport: { width: 375, height: 800 },
    });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    expectClean(rest);
    await close();
  });
});
