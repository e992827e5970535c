// Lesson 1, "Three views of y = xW", in Chromium: its two widgets upgrade, answer the keyboard, keep their state
// in the URL (and survive a bad one), and the model worker computes dense and row-gather products that agree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PATH = '/lessons/01-three-views-of-xw/';

/** Scroll the VecMatViews widget into view and wait until its custom element has taken over. */
async function views(page: Page) {
  const el = page.locator('vecmat-views');
  await el.scrollIntoViewIfNeeded();
  await page.locator('vecmat-views[data-ready="true"]').waitFor();
  return el;
}

const yValues = (page: Page) => page.locator('vecmat-views td[data-y] output').allTextContents();

/** Scroll to VecMatScale and wait for its first worker run to finish (or fail). */
async function scaleResult(page: Page) {
  const el = page.locator('vecmat-scale');
  await el.scrollIntoViewIfNeeded();
  await page.locator('vecmat-scale:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 90_000 });
  return el;
}

describe('lesson 1 page', () => {
  test('loads clean: no console errors, no foreign requests, both widgets working', async () => {
    const opened = await openPage(`${PATH}?vecscale.n=128&vecscale.m=64&vecscale.repeats=2`);
    await views(opened.page);
    const scale = await scaleResult(opened.page);
    expect(await scale.getAttribute('data-state')).toBe('done');
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });

  test('the static first view (built HTML) already shows the product and its cost', () => {
    const html = readFileSync(join(inject('distDir'), 'lessons/01-three-views-of-xw/index.html'), 'utf8');
    // y = 2·row 1 + 1·row 3 of the lesson's W, computed at build time by lib/vecmat.ts.
    const ys = [...html.matchAll(/data-y="\d"[^>]*><output>([^<]*)</g)].map((m) => m[1]);
    expect(ys).toEqual(['2', '3', '5', '-1', '7', '1']);
    expect(html).toContain('Weights read: 12 of 18 (48 of 72 bytes)');
    expect(html).toContain('102 rows whose'); // VecMatScale's plan at n = 1024, 90% zeros
    // Numbers in the prose come from lib/vecmat.ts at build time, not typed by hand.
    expect(html).toContain('which comes to (2, 3, 5, −1, 7, 1)');
    expect(html).toContain('12 of 18 weights are');
    expect(html).not.toMatch(/rows\.y|cols\.exact|grid\.cost/);
  });
});

describe('VecMatViews', () => {
  test('reacts to the keyboard: arrow keys and typing in x, arrow keys in the view radio group', async () => {
    const { page, close, ...rest } = await openPage(PATH);
    await views(page);
    expect(await yValues(page)).toEqual(['2', '3', '5', '-1', '7', '1']);
    expect(await page.locator('[data-cost]').textContent()).toContain('Weights read: 12 of 18');

    const x2 = page.getByLabel('x₂', { exact: true }).filter({ visible: true });
    await x2.focus();
    await page.keyboard.press('ArrowUp'); // x = (2, 1, 1): row 2 is read again
    await expect.poll(() => yValues(page)).toEqual(['6', '4', '5', '1', '5', '6']);
    expect(await page.locator('[data-cost]').textContent()).toContain('Weights read: 18 of 18');

    await page.getByLabel('x₁', { exact: true }).filter({ visible: true }).fill('0'); // x = (0, 1, 1)
    await expect.poll(() => yValues(page)).toEqual(['4', '4', '1', '3', '-1', '4']);
    expect(await page.locator('tr[data-row="0"]').getAttribute('data-state')).toBe('skipped');

    const rows = page.getByRole('radio', { name: 'Rows' });
    await rows.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Columns' }).isChecked()).toBe(true);
    expect(await page.locator('.vm-grid-wrap').getAttribute('data-view')).toBe('columns');
    expect(await page.getByLabel('Mark y₁ as known zero').filter({ visible: true }).isVisible()).toBe(true);

    // Columns view: marking y₅ (= −1 here) known zero skips its column and is a correct guess.
    await page.getByLabel('Mark y₅ as known zero').filter({ visible: true }).check();
    expect(await page.locator('[data-cost]').textContent()).toContain('Weights read: 15 of 18');
    expect(await page.locator('[data-warn]').isHidden()).toBe(true);
    await page.getByLabel('Mark y₁ as known zero').filter({ visible: true }).check(); // y₁ = 4 > 0: a wrong guess is flagged
    await expect.poll(() => page.locator('[data-warn]').textContent()).toContain('a wrong guess');

    // Step through: Reset, then Step shows step 1 of 6.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    expect(await yValues(page)).toEqual(['·', '·', '·', '·', '·', '·']);
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => page.locator('[data-step-text]').textContent()).toContain('Step 1 of 6');
    expectClean(rest);
    await close();
  });

  test('a URL with state reproduces the numbers set by hand, and edits are written back to the URL', async () => {
    const fromUrl = await openPage(`${PATH}?vecmat.x=1,0,3&vecmat.seed=5&vecmat.view=columns`);
    await views(fromUrl.page);
    const urlY = await yValues(fromUrl.page);
    const urlEq = await fromUrl.page.locator('[data-eq] .katex-mathml').textContent();
    expect(await fromUrl.page.getByRole('radio', { name: 'Columns' }).isChecked()).toBe(true);
    expect(await fromUrl.page.locator('vecmat-views [data-notes]').textContent()).toBe('');
    await fromUrl.close();

    const byHand = await openPage(PATH);
    const { page } = byHand;
    await views(page);
    await page.getByLabel('x₁', { exact: true }).filter({ visible: true }).fill('1');
    await page.getByLabel('x₃', { exact: true }).filter({ visible: true }).fill('3');
    await page.getByLabel('Seed').filter({ visible: true }).fill('5');
    await page.getByRole('radio', { name: 'Columns' }).check();
    expect(await yValues(page)).toEqual(urlY);
    expect(await page.locator('[data-eq] .katex-mathml').textContent()).toBe(urlEq);
    // The URL is written a moment after the last change (throttled), so wait for all three.
    const search = () => page.evaluate(() => location.search);
    await expect.poll(search).toContain('vecmat.x=1,0,3');
    await expect.poll(search).toContain('vecmat.seed=5');
    await expect.poll(search).toContain('vecmat.view=columns');
    expectClean(byHand);
    await byHand.close();
  });

  test('a malformed URL shows a visible note and leaves a working widget', async () => {
    const opened = await openPage(
      `${PATH}?vecmat.x=2,a,1&vecmat.view=diagonal&vecmat.seed=1e999&vecmat.w=<script>alert(1)</script>`,
    );
    const { page } = opened;
    await views(page);
    const notes = page.locator('vecmat-views [data-notes]');
    expect(await notes.isVisible()).toBe(true);
    expect(await notes.getAttribute('role')).toBe('status');
    const text = await notes.textContent();
    expect(text).toContain('Ignored vecmat.x="2,a,1"');
    expect(text).toContain('expected one of elements, rows, columns');
    expect(text).toContain('above the maximum');
    expect(text).toContain('Ignored vecmat.w');
    expect(await yValues(page)).toHaveLength(6); // defaults in use, seed clamped to 99999
    const before = await yValues(page);
    await page.getByLabel('x₂', { exact: true }).filter({ visible: true }).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => yValues(page)).not.toEqual(before);
    expectClean(opened);
    await opened.close();
  });

  test('?hide= hides the named controls', async () => {
    const opened = await openPage(`${PATH}?hide=vecmat.view,vecmat.seed,vecmat.steps`);
    const { page } = opened;
    await views(page);
    expect(await page.locator('vecmat-views [data-control="view"]').isHidden()).toBe(true);
    expect(await page.getByLabel('Seed').filter({ visible: true }).isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Step' }).isHidden()).toBe(true);
    expect(await page.getByLabel('x₁', { exact: true }).filter({ visible: true }).isVisible()).toBe(true);
    expect(await page.locator('vecmat-views [data-notes]').textContent()).toBe('');
    await opened.close();
  });

  test('with reduced motion, Play shows the result at once', async () => {
    const opened = await openPage(PATH);
    const { page } = opened;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await views(page);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.getByRole('button', { name: 'Play' }).click();
    expect(await yValues(page)).toEqual(['2', '3', '5', '-1', '7', '1']);
    await expect.poll(() => page.locator('[data-step-text]').textContent()).toContain('Reduced motion');
    await opened.close();
  });
});

describe('VecMatScale and the model worker', () => {
  test('the worker reports a backend and dense and row-gather results that agree', async () => {
    const opened = await openPage(`${PATH}?vecscale.n=96&vecscale.m=40&vecscale.zeros=0.75&vecscale.repeats=2`);
    const scale = await scaleResult(opened.page);
    expect(await scale.getAttribute('data-state')).toBe('done');
    expect(['webgl', 'wasm', 'cpu']).toContain(await scale.getAttribute('data-backend'));
    expect(Number(await scale.getAttribute('data-max-abs-diff'))).toBeLessThan(1e-3);
    expect(await scale.locator('[data-out="rows"]').textContent()).toBe('24 of 96');
    expect(await scale.locator('[data-out="backend"]').textContent()).toMatch(/^(webgl|wasm|cpu)$/);
    for (const out of ['dense', 'gather', 'loopDense', 'loopSkip']) {
      expect(await scale.locator(`[data-out="${out}"]`).textContent()).toMatch(/\d (µs|ms|s)$/);
    }
    expect(await scale.locator('[data-chart] svg[aria-label^="Median time"]').isVisible()).toBe(true);
    expect(await scale.locator('[data-summary]').textContent()).toContain('At 75% zeros');
    expectClean(opened);
    await opened.close();
  });

  test('?backend=cpu picks the cpu backend; a bad ?backend= is explained and ignored', async () => {
    const cpu = await openPage(`${PATH}?backend=cpu&vecscale.n=32&vecscale.m=16&vecscale.repeats=1`);
    expect(await (await scaleResult(cpu.page)).getAttribute('data-backend')).toBe('cpu');
    await cpu.close();

    const bad = await openPage(`${PATH}?backend=gpu&vecscale.n=32&vecscale.m=16&vecscale.repeats=1`);
    const scale = await scaleResult(bad.page);
    expect(await scale.getAttribute('data-state')).toBe('done');
    expect(await scale.locator('[data-notes]').textContent()).toContain('Ignored backend="gpu"');
    expectClean(bad);
    await bad.close();
  });

  test('sweeping zero fractions adds a point per fraction to the chart', async () => {
    const opened = await openPage(`${PATH}?vecscale.n=64&vecscale.m=32&vecscale.repeats=1`);
    const { page } = opened;
    const scale = await scaleResult(page);
    await scale.getByRole('button', { name: 'Sweep zero fractions' }).click();
    // 7 swept fractions (the first run, at 90%, is one of them) × 4 methods.
    // Plot's per-mark ARIA labels are stripped (axe), so the widget says how many markers it drew.
    const dots = async () => Number(await scale.getAttribute('data-points'));
    await expect.poll(dots, { timeout: 60_000 }).toBe(28);
    expect(await scale.locator('[data-chart] svg[role="img"]').count()).toBe(1);
    await expect.poll(() => scale.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    // After the sweep the table and summary show the point the slider names, not the sweep's last fraction.
    const slider = await scale.locator('[data-out="zeros"]').textContent();
    expect(await scale.locator('[data-summary]').textContent()).toContain(`At ${slider} zeros`);
    await opened.close();
  });

  test('a worker that fails to load shows a message in the widget, and the rest of the page keeps working', async () => {
    const opened = await openPage(PATH, { ownContext: true }); // its route fails the worker for the whole context
    const { page } = opened;
    await page.context().route('**/model-worker*.js', (route) => route.abort('failed')); // newest route wins
    const scale = await scaleResult(page);
    expect(await scale.getAttribute('data-state')).toBe('error');
    expect(await scale.locator('[data-progress]').textContent()).toMatch(/Could not compute.*The model worker crashed/);
    const before = await yValues(page);
    await views(page);
    await page.getByLabel('x₂', { exact: true }).filter({ visible: true }).focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => yValues(page)).not.toEqual(before);
    await opened.close();
  });
});

describe('layout and theme', () => {
  test('no horizontal page scroll at 375px, with both widgets upgraded', async () => {
    const opened = await openPage(`${PATH}?vecscale.n=64&vecscale.m=64&vecscale.repeats=1`, {
      viewport: { width: 375, height: 740 },
    });
    const { page } = opened;
    await views(page);
    await scaleResult(page);
    await page.getByRole('radio', { name: 'Elements' }).check();
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const { scrollWidth, clientWidth } = document.documentElement;
      return { scrollWidth, clientWidth };
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const widths = await page.evaluate(() =>
      [...document.querySelectorAll('vecmat-views, vecmat-scale')].map((e) => e.getBoundingClientRect().right),
    );
    for (const right of widths) expect(right).toBeLessThanOrEqual(375);
    await opened.close();
  });

  test('dark mode renders: dark widget panels, light text, chart text in the text colour', async () => {
    const opened = await openPage(`${PATH}?vecscale.n=64&vecscale.m=32&vecscale.repeats=1`, { colorScheme: 'dark' });
    const { page } = opened;
    await views(page);
    await scaleResult(page);
    const lum = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+(\.\d+)?/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const colors = await page.evaluate(() => {
      const vm = getComputedStyle(document.querySelector('vecmat-views')!);
      const svg = document.querySelector('vecmat-scale [data-chart] svg');
      return { bg: vm.backgroundColor, fg: vm.color, chart: svg ? getComputedStyle(svg).color : '' };
    });
    expect(lum(colors.bg)).toBeLessThan(0.25);
    expect(lum(colors.fg)).toBeGreaterThan(0.6);
    expect(lum(colors.chart)).toBeGreaterThan(0.6);
    expectClean(opened);
    await opened.close();
  });
});
