// Issue 19's widget items and issue 23's huge tree shape, in Chromium on the built site: ScheduleAnimator's Play works
// from the keyboard on the lesson, its docs page and its embed; a shared SpecSampling link opens with every figure
// for its prompt and temperature; ?tree.shape=chain 999999999 costs nothing; FlashStepper's "all (naive)" reads the
// naive row's bytes; the header links /widgets/ and /bench/.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { clickAndSettle, openPage } from './harness.ts';

const settled = (page: Page, tag: string, timeout = 180_000) =>
  page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout });

describe('widgets show what their inputs give', () => {
  for (const path of ['/lessons/05-flexgen/', '/widgets/schedule-animator/', '/embed/05-flexgen/sched/'])
    test(`ScheduleAnimator on ${path}: Play is enabled and plays from the keyboard`, async () => {
      const opened = await openPage(path);
      const { page } = opened;
      const sched = page.locator('offload-schedule').first();
      await sched.scrollIntoViewIfNeeded();
      await page.locator('offload-schedule[data-ready="true"]').first().waitFor({ timeout: 60_000 });
      const play = sched.locator('[data-play]');
      expect(await play.isEnabled()).toBe(true);
      const before = await sched.locator('[data-out="step"]').textContent();
      await play.focus();
      await page.keyboard.press('Enter');
      expect(await play.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => sched.locator('[data-out="step"]').textContent(), { timeout: 5_000 }).not.toBe(before);
      await page.keyboard.press('Space');
      expect(await play.getAttribute('aria-pressed')).toBe('false');
      await opened.close();
    });

  test('SpecSampling: a shared link with prompt and temperature opens consistent, and Run uses them', async () => {
    const opened = await openPage('/lessons/08-specinfer/?mss.prompt=The%20whale&mss.temperature=2');
    const { page } = opened;
    const w = page.locator('spec-sampling');
    await w.scrollIntoViewIfNeeded();
    await settled(page, 'spec-sampling');
    expect(await w.getAttribute('data-stale')).toBeNull();
    const staticBox = await w.locator('[data-out="mss"]').textContent();
    await w.locator('[data-action="run"]').click();
    await expect
      .poll(() => w.locator('[data-out="noise"]').textContent(), { timeout: 120_000 })
      .toMatch(/^[\d.]+% \(noise alone: [\d.]+%\)$/);
    // The run's exact acceptance equals the figure the node showed for these inputs before the run.
    expect(await w.locator('[data-out="mss"]').textContent()).toContain(`(exactly ${staticBox})`);
    const [tv, noise] = ((await w.locator('[data-out="noise"]').textContent()) ?? '').match(/[\d.]+/g)!.map(Number);
    expect(tv).toBeLessThan(3 * noise); // an exact sampler: within sampling noise
    await page.locator('#mss-temperature').fill('0.5');
    await page.locator('#mss-temperature').dispatchEvent('input');
    await expect.poll(() => w.locator('[data-out="noise"]').textContent(), { timeout: 60_000 }).toBe('–');
    await opened.close();
  });

  test('?tree.shape=chain 999999999 opens at once with a message; the page stays usable', async () => {
    const t0 = Date.now();
    const opened = await openPage('/lessons/08-specinfer/?tree.shape=chain%20999999999');
    const { page } = opened;
    const tree = page.locator('spec-tree');
    await tree.scrollIntoViewIfNeeded();
    await expect
      .poll(() => tree.locator('[data-notes]').textContent(), { timeout: 60_000 })
      .toMatch(/999999999 levels deep; at most 16/);
    await settled(page, 'spec-tree');
    expect(await tree.getAttribute('data-state')).toBe('done');
    expect(Date.now() - t0).toBeLessThan(90_000);
    await page.locator('#tree-shape').fill('chain 6');
    await page.locator('#tree-shape').dispatchEvent('input');
    await expect.poll(() => tree.locator('[data-notes]').textContent()).toMatch(/Not applied yet: the shape chain 6/);
    expect(await tree.locator('[data-notes]').textContent()).not.toMatch(/999999999/);
    await page.locator('#tree-shape').press('Enter');
    await expect.poll(() => tree.locator('[data-notes]').textContent(), { timeout: 60_000 }).toBe('');
    await opened.close();
  });

  test('FlashStepper: "all (naive)" with the default window reads the naive row, before and after Run', async () => {
    const opened = await openPage(
      '/lessons/04-llm-in-a-flash/?stepper.neurons=all&stepper.bundling=false&stepper.tokens=4',
    );
    const { page } = opened;
    const st = page.locator('flash-stepper');
    await st.scrollIntoViewIfNeeded();
    await page.locator('flash-stepper[data-ready="true"]').waitFor({ timeout: 120_000 });
    expect(await st.locator('[data-out="bytes"]').textContent()).toBe('2 MiB'); // the first view follows the URL
    expect(await clickAndSettle(st, st.locator('[data-action="run"]'))).toBe('done');
    expect(await st.locator('[data-out="bytes"]').textContent()).toBe('2 MiB'); // means over the run, not 0 B
    expect(await st.locator('[data-out="basis"]').textContent()).toMatch(/Means per token over the 4 tokens/);
    await opened.close();
  });

  test('the site header links the widgets and the bench', async () => {
    const opened = await openPage('/');
    const nav = opened.page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link', { name: 'Widgets' }).getAttribute('href')).toMatch(/\/widgets\/$/);
    expect(await nav.getByRole('link', { name: 'Bench' }).getAttribute('href')).toMatch(/\/bench\/$/);
    await opened.close();
  });
});
