// Lesson 5, "FlexGen: throughput by offloading", in Chromium: the static first view carries the cost-model table and
// badges; the page loads clean and every widget computes (the policy LP in the worker); the animator plays and
// counts weight loads; garbage URL parameters give visible notes while the widgets keep working; no horizontal
// scroll at 375 px in the dark theme.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PATH = '/lessons/05-flexgen/';
const TAGS = ['offload-schedule', 'offload-policy', 'offload-tradeoff', 'offload-compression'];

async function done(page: Page, tag: string) {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout: 90_000 });
  expect(await el.getAttribute('data-state'), `${tag} state`).toBe('done');
  return el;
}

describe('lesson 5 page', () => {
  test('the static first view (built HTML) has the Table 2 comparison, the executor table and source badges', () => {
    const html = readFileSync(join(inject('distDir'), 'lessons/05-flexgen/index.html'), 'utf8');
    expect(html).toContain('model at paper');
    expect(html).toMatch(/OPT-175B<\/td><td>FlexGen<\/td><td>0\.69 \(256\)/);
    expect(html).toContain('measured on our model');
    expect(html).toContain('modelled');
    expect(html).toMatch(/from the paper, 2303\.06865 Table 2/);
    // The policy solver's static view is the build-time LP answer.
    expect(html).toMatch(/best policy GPU batch \d+ × \d+/);
  });

  test('loads clean, and every widget computes; the policy LP answers from the worker', async () => {
    const opened = await openPage(PATH);
    for (const tag of TAGS) await done(opened.page, tag);
    const policy = opened.page.locator('offload-policy');
    await expect
      .poll(async () => policy.locator('[data-out="policy"]').textContent())
      .toMatch(/\d+ × \d+ = [\d,]+ sequences/);
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });

  test('the animator counts weight loads as it plays; a smaller CPU memory changes the LP placement', async () => {
    const opened = await openPage(`${PATH}?sched.order=row&sched.batches=2&sched.nb=1`);
    const { page } = opened;
    const sched = await done(page, 'offload-schedule');
    const step = page.locator('#sched-step');
    await step.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => sched.locator('[data-out="loads"]').textContent()).toBe('5 of 24');
    await page.selectOption('#sched-order', 'zigzag');
    await page.locator('#sched-nb').fill('2');
    await page.locator('#sched-nb').dispatchEvent('input');
    await page.locator('#sched-step').fill('24');
    await page.locator('#sched-step').dispatchEvent('input');
    await expect.poll(async () => sched.locator('[data-out="loads"]').textContent()).toBe('12 of 12');
    const policy = await done(page, 'offload-policy');
    const before = await policy.locator('[data-summary]').textContent();
    await page.locator('#policy-cpu').fill('64');
    await page.locator('#policy-cpu').dispatchEvent('input');
    await expect.poll(async () => policy.locator('[data-summary]').textContent(), { timeout: 60_000 }).not.toBe(before);
    expect(await policy.getAttribute('data-state')).not.toBe('error');
    expectClean(opened);
    await opened.close();
  });

  test('the animator runs our model under its schedule in the worker: weight loads as the arithmetic says', async () => {
    const opened = await openPage(`${PATH}?backend=wasm&sched.order=zigzag&sched.batches=4&sched.nb=2`);
    const { page } = opened;
    const sched = await done(page, 'offload-schedule');
    await sched.locator('[data-run]').click();
    await expect.poll(async () => sched.getAttribute('data-run-loads'), { timeout: 120_000 }).not.toBeNull();
    // 4 batches in blocks of 2, 16 tokens, 4 layers: 2 × 16 × 4 loads.
    expect(await sched.getAttribute('data-run-loads')).toBe('128');
    expect(await sched.getAttribute('data-run-expected')).toBe('128');
    expect(Number(await sched.getAttribute('data-run-tps'))).toBeGreaterThan(0);
    console.log(`zig-zag run in Chromium: ${await sched.locator('[data-out="run"]').textContent()}`);
    expectClean(opened);
    await opened.close();
  });

  test('garbage URL parameters are explained in notes and the widgets still work', async () => {
    const opened = await openPage(
      `${PATH}?sched.batches=abc&sched.order=diagonal&sched.gbs=9999&policy.gpu=0&policy.cpu=1e12&policy.model=opt-9000b&compress.weights=2`,
    );
    const { page } = opened;
    const sched = await done(page, 'offload-schedule');
    const schedNotes = await sched.locator('[data-notes]').textContent();
    expect(schedNotes).toMatch(/batches/);
    expect(schedNotes).toMatch(/order/);
    expect(schedNotes).toMatch(/gbs/);
    const policy = await done(page, 'offload-policy');
    const policyNotes = await policy.locator('[data-notes]').textContent();
    expect(policyNotes).toMatch(/gpu/);
    expect(policyNotes).toMatch(/cpu/);
    expect(policyNotes).toMatch(/model/);
    await expect
      .poll(async () => policy.locator('[data-out="policy"]').textContent(), { timeout: 60_000 })
      .toMatch(/sequences|infeasible/);
    const comp = await done(page, 'offload-compression');
    expect(await comp.locator('[data-notes]').textContent()).toMatch(/weights/);
    // The widgets still answer: the animator's controls move it.
    await page.locator('#sched-step').fill('7');
    await page.locator('#sched-step').dispatchEvent('input');
    await expect.poll(async () => sched.locator('[data-out="step"]').textContent()).toMatch(/^7 of/);
    expectClean(opened);
    await opened.close();
  });

  test('375 px, dark theme: no horizontal scroll', async () => {
    const opened = await openPage(PATH, { colorScheme: 'dark', viewport: { width: 375, height: 800 } });
    for (const tag of TAGS) await done(opened.page, tag);
    const overflow = await opened.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await opened.close();
  });
});
