// A kit widget's "Share or embed" panel in Chromium (PredictorQuality on lesson 2, which needs no worker): the link
// it copies opens the same view; the link made after ticking controls hides exactly those controls; the embed code
// it writes opens the same figure alone; and a link carrying settings for a figure that is not on the page is
// ignored with a visible note while the page works.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, expectClean, openPage } from './harness.ts';

const LESSON = '/lessons/02-powerinfer-hot-cold-neurons/';
const TAG = 'predictor-quality';

async function ready(page: Page) {
  await page.locator(TAG).scrollIntoViewIfNeeded();
  await page.locator(`${TAG}[data-ready="true"]`).waitFor({ timeout: 30_000 });
}

/** What the figure shows: the threshold, recall, neurons computed and loss lines, and the slider's value. */
const view = (page: Page) =>
  page.evaluate((tag) => {
    const el = document.querySelector(tag)!;
    const out = (name: string) => el.querySelector(`[data-out="${name}"]`)?.textContent ?? '';
    return {
      threshold: out('threshold'),
      recall: out('recall'),
      computed: out('computed'),
      loss: out('loss'),
      step: el.querySelector<HTMLInputElement>('input[type="range"]')!.value,
    };
  }, TAG);

/** Open the panel, tick `hide`, and read the link (and the embed code) it shows. */
async function shareLink(page: Page, hide: string[] = []) {
  const panel = page.locator(`${TAG} [data-share-panel]`);
  if (!(await panel.evaluate((d: HTMLDetailsElement) => d.open))) await panel.locator('summary').click();
  for (const name of hide) await panel.locator(`input[data-hide-choice][value="${name}"]`).check();
  const want = hide.length ? hide.map((h) => `predictor.${h}`).join(',') : null;
  await expect
    .poll(async () => new URL((await panel.locator('[data-share-link]').inputValue()) || 'x:').searchParams.get('hide'))
    .toBe(want);
  return {
    link: await panel.locator('[data-share-link]').inputValue(),
    embed: await panel.locator('[data-share-embed]').inputValue(),
  };
}

describe('the Share or embed panel', () => {
  test('the link reproduces the view the reader set, and is short and readable', async () => {
    const opened = await openPage(LESSON);
    const { page } = opened;
    await ready(page);
    const slider = page.locator(`${TAG} input[type="range"]`);
    const initial = await view(page);
    await slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.inputValue()).toBe('2');
    // The figure redraws on the next animation frame after the slider moves: wait for its text to follow.
    await expect.poll(async () => (await view(page)).threshold).not.toBe(initial.threshold);
    const before = await view(page);
    const { link } = await shareLink(page);
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(new URL(LESSON.slice(1), baseURL()).href);
    expect(url.search).toBe('?predictor.step=2');
    expect(url.hash).toMatch(/^#[a-z0-9-]+$/);
    // The copy button puts the same link on the clipboard (or, refused, selects it and says so).
    await page.locator(`${TAG} button[data-copy="link"]`).click();
    await expect.poll(() => page.locator(`${TAG} [data-share-status]`).textContent()).toMatch(/copied|Ctrl\+C/);

    const shared = await openPage(link.slice(new URL(baseURL()).origin.length));
    await ready(shared.page);
    // The element reads the link's values as it starts and redraws on the next animation frame: wait for the text.
    await expect.poll(() => view(shared.page)).toEqual(before);
    expect(await shared.page.locator(`${TAG} [data-notes]`).textContent()).toBe('');
    expectClean(opened);
    expectClean(shared);
    await shared.close();
    await opened.close();
  });

  test('the link hides exactly the ticked controls, and its embed code opens the same figure alone', async () => {
    for (const hide of [['chart'], ['step'], ['step', 'chart']]) {
      const opened = await openPage(LESSON);
      await ready(opened.page);
      const { link, embed } = await shareLink(opened.page, hide);
      expect(new URL(link).searchParams.get('hide')).toBe(hide.map((h) => `predictor.${h}`).join(','));
      const shared = await openPage(link.slice(new URL(baseURL()).origin.length));
      await ready(shared.page);
      for (const name of ['step', 'chart']) {
        const hiddenNow = await shared.page.locator(`${TAG} [data-control="${name}"]`).first().isHidden();
        expect(hiddenNow, `${name} hidden`).toBe(hide.includes(name));
      }
      // The panel on the shared page starts with the same boxes ticked.
      await shared.page.locator(`${TAG} [data-share-panel] summary`).click();
      await shared.page.locator(`${TAG} input[data-hide-choice]`).first().waitFor();
      const ticked = await shared.page
        .locator(`${TAG} input[data-hide-choice]:checked`)
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      expect(ticked.sort()).toEqual([...hide].sort());
      expectClean(shared);
      await shared.close();

      const src = /src="([^"]+)"/.exec(embed)![1];
      expect(new URL(src).pathname).toBe('/embed/02-powerinfer-hot-cold-neurons/predictor/');
      const embedded = await openPage(src.slice(new URL(baseURL()).origin.length));
      await ready(embedded.page);
      expect(await embedded.page.locator(':is(.widget, .kit)[data-key]').count()).toBe(1);
      for (const name of ['step', 'chart']) {
        expect(await embedded.page.locator(`${TAG} [data-control="${name}"]`).first().isHidden()).toBe(
          hide.includes(name),
        );
      }
      expectClean(embedded);
      await embedded.close();
      await opened.close();
    }
  });
});

test('settings for a figure that is not on the page are ignored, with a note, and the page works', async () => {
  const opened = await openPage(`${LESSON}?gone.size=4&predictor.step=1&hide=gone.chart`);
  const { page } = opened;
  await ready(page);
  const note = page.locator('.kit-stray');
  await expect.poll(() => note.count()).toBe(1);
  expect(await note.isVisible()).toBe(true);
  expect(await note.textContent()).toContain('gone.size');
  expect(await note.textContent()).toContain('hide=gone.chart');
  expect(await note.textContent()).not.toContain('predictor.step');
  expect((await view(page)).step).toBe('1');
  expectClean(opened);
  await opened.close();
});

test('"About this figure" opens the widget\'s docs page, whose live example works', async () => {
  const opened = await openPage(LESSON);
  const { page } = opened;
  await ready(page);
  await page.locator(`${TAG} a.kit-about`).click();
  await page.waitForURL(/\/widgets\/predictor-quality\/$/);
  expect(await page.locator('h1').textContent()).toBe('PredictorQuality');
  await ready(page);
  expect(await page.locator('table[data-props="PredictorQuality"] tr[data-prop="step"]').count()).toBe(1);
  expectClean(opened);
  await opened.close();
});
