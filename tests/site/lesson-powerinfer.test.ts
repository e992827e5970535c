// Lesson 2, "PowerInfer: hot and cold neurons", in Chromium: loads clean; the static first view carries build-time
// measurements with their badges; the heatmap follows a typed prompt; the budget slider moves the placement numbers
// from the keyboard; a 20,000-character paste is cut with a note while the page stays responsive; the FFN race
// agrees with dense (its 375 px dark page is checked in pages.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PATH = '/lessons/02-powerinfer-hot-cold-neurons/';

/** Scroll a widget into view and wait until its custom element has taken over. */
async function ready(page: Page, tag: string) {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}[data-ready="true"]`).waitFor({ timeout: 30_000 });
  return el;
}

/** The heatmap's drawn path (its fired cells) and the selected token's sentence. */
const heat = (page: Page) =>
  page.evaluate(() => ({
    d: document.querySelector('neuron-heatmap [data-path]')?.getAttribute('d') ?? '',
    fired: document.querySelector('neuron-heatmap [data-out="fired"]')?.textContent ?? '',
  }));

describe('lesson 2 page', () => {
  test('the static first view (built HTML) shows measured and paper numbers with their badges', () => {
    const html = readFileSync(join(inject('distDir'), 'lessons/02-powerinfer-hot-cold-neurons/index.html'), 'utf8');
    expect(html).toContain('measured on our model');
    expect(html).toContain('from the paper');
    expect(html).toMatch(
      /href="https:\/\/arxiv\.org\/abs\/2312\.12456"[^>]*>from the paper, 2312\.12456 §3\.1, Fig\. 4/,
    );
    // The heatmap's static view was drawn from a build-time run of the model: filled cells and a token sentence.
    expect(html).toMatch(/class="nh-on" d="M\d+ \d+h\d+/);
    expect(html).toMatch(/neurons fired \([\d.]+% zeros\)/);
    expect(html).toMatch(/Rows of W_down skipped for this token: \d+ of \d+/);
    // The placement table at the default budget is in the HTML too.
    expect(html).toMatch(/<tr data-method="optimal">/);
  });

  test('loads clean: no console errors, no foreign requests, every widget upgrades', async () => {
    const opened = await openPage(PATH);
    for (const tag of ['neuron-heatmap', 'hot-cold-curve', 'predictor-quality', 'ffn-race'])
      await ready(opened.page, tag);
    await opened.page.locator('ffn-race:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 90_000 });
    expect(await opened.page.locator('ffn-race').getAttribute('data-state')).toBe('done');
    // Computing exactly the neurons that fire gives the dense answer, up to float rounding.
    expect(Number(await opened.page.locator('ffn-race').getAttribute('data-max-abs-diff'))).toBeLessThan(1e-3);
    // Chromium has WebAssembly SIMD: the engine's SIMD loop was timed, and every kernel's row holds a time.
    for (const kernel of ['js', 'simd', 'tfjs'])
      expect(
        await opened.page.locator(`ffn-race tr[data-kernel="${kernel}"] [data-cell="sparse"]`).textContent(),
      ).toMatch(/\d.*(ms|µs|s)/);
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });
});

describe('NeuronHeatmap', () => {
  test('a typed prompt redraws the cells from the worker', async () => {
    const opened = await openPage(PATH);
    const { page } = opened;
    await ready(page, 'neuron-heatmap');
    const before = await heat(page);
    expect(before.d).not.toBe('');
    const box = page.getByLabel(/Your prompt/).filter({ visible: true });
    await box.fill('The whale dove deep.');
    await expect.poll(async () => (await heat(page)).d, { timeout: 60_000 }).not.toBe(before.d);
    await page.locator('neuron-heatmap[data-state="done"]').waitFor();
    // The token slider answers the keyboard and names the token it selects.
    const slider = page.getByLabel('Selected token').filter({ visible: true });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('neuron-heatmap [data-out="token"]').textContent()).toMatch(/^(\d+) of 0–\1$/);
    expect((await heat(page)).fired).toMatch(/^Token \d+ .*neurons fired/);
    expectClean(opened);
    await opened.close();
  });

  test('a 20,000-character paste is cut to the context with a note, and the page stays responsive', async () => {
    const opened = await openPage(PATH);
    const { page } = opened;
    await ready(page, 'neuron-heatmap');
    const long = 'It was the whale, the white whale, that drove the ship on. '.repeat(400).slice(0, 20_000);
    await page
      .getByLabel(/Your prompt/)
      .filter({ visible: true })
      .fill(long);
    await expect
      .poll(() => page.locator('neuron-heatmap [data-notes]').textContent(), { timeout: 60_000 })
      .toMatch(/shows the first 128/);
    expect(await page.locator('neuron-heatmap').getAttribute('data-tokens')).toBe('128');
    // Another control still answers at once: the layer select redraws from the last answer.
    const started = Date.now();
    await page.getByLabel('Layer', { exact: true }).filter({ visible: true }).first().selectOption('1');
    await expect.poll(() => page.locator('neuron-heatmap [data-out="layer"]').textContent()).toMatch(/^Layer 1,/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expectClean(opened);
    await opened.close();
  });
});

describe('HotColdCurve', () => {
  test('the budget slider moves the served share from the keyboard and writes the URL', async () => {
    const opened = await openPage(PATH);
    const { page } = opened;
    const el = await ready(page, 'hot-cold-curve');
    const served = () => el.locator('tr[data-method="hottest"] [data-cell="served"]').textContent();
    const before = await served();
    const slider = page.getByLabel(/GPU memory budget/).filter({ visible: true });
    await slider.focus();
    // End: the whole model fits on the GPU, so every placement serves all activations from it.
    await page.keyboard.press('End');
    await expect.poll(served).toBe('100%');
    expect(before).not.toBe('100%');
    await expect.poll(() => page.evaluate(() => location.search)).toContain('hotcold.budget=1');
    expect(await el.locator('[data-summary]').textContent()).toMatch(/^Budget 100%/);
    // One step left: 99% of the neurons, and the summary follows.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => el.locator('[data-summary]').textContent()).toMatch(/^Budget 99%/);
    // The reader's own text is profiled in the worker and its hot set compared with Moby Dick's.
    await page
      .getByLabel(/Your own text/)
      .filter({ visible: true })
      .fill('The baker kneads the dough, shapes a round loaf and lets it rise in a warm kitchen. '.repeat(6));
    await page.getByRole('button', { name: 'Profile my text' }).click();
    await page.locator('hot-cold-curve:is([data-profile="done"], [data-profile="error"])').waitFor({ timeout: 60_000 });
    expect(await el.getAttribute('data-profile')).toBe('done');
    expect(await el.locator('[data-yours="all"]').textContent()).toMatch(/^[\d.]+%$/);
    expectClean(opened);
    await opened.close();
  });
});

describe('URL state', () => {
  test('a bad URL value is explained in a visible note and the widget still works', async () => {
    const opened = await openPage(`${PATH}?heat.layer=99&heat.order=sideways&hotcold.budget=7`);
    const { page } = opened;
    await ready(page, 'neuron-heatmap');
    const notes = await page.locator('neuron-heatmap [data-notes]').textContent();
    expect(notes).toMatch(/heat\.layer/);
    expect(notes).toMatch(/heat\.order/);
    expect(await page.locator('neuron-heatmap [data-out="layer"]').textContent()).toMatch(/^Layer \d+,/);
    const hc = await ready(page, 'hot-cold-curve');
    expect(await hc.locator('[data-notes]').textContent()).toMatch(/hotcold\.budget/);
    expect(await hc.locator('[data-out="budget"]').textContent()).toMatch(/^100%/);
    expectClean(opened);
    await opened.close();
  });
});

// The page at 375 px in the dark theme (no horizontal scroll, clean console, after every widget has drawn) is checked
// by the per-page pass in pages.test.ts, which waits for the widgets' state instead of a fixed delay.
