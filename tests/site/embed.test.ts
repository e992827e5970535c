// Embed mode in Chromium: /embed/<lesson>/<widget-key>/ (and ?embed=<key> or ?embed=1 on a lesson) shows that one
// widget, working, with its state and hidden controls from the URL, a link back to the lesson, and none of the
// page's chrome; it fits a 375 px phone and a 600 × 400 iframe without sideways scroll, in both themes.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { baseURL, expectClean, openPage } from './harness.ts';

const LESSON = '/lessons/01-three-views-of-xw/';
const EMBED = '/embed/01-three-views-of-xw/vecmat/';
const STATE = 'vecmat.x=1,0,3&vecmat.view=columns&hide=vecmat.seed';
const CHROME = ['.site-header', '.site-footer', 'nav.toc', '.lesson > header', '.sources', '.prev-next'];

/** What an embed shows: the widgets left in the page, visible chrome, and whether it scrolls sideways. */
async function embedFacts(target: Page | Frame) {
  await target.locator('vecmat-views[data-ready="true"]').waitFor();
  return target.evaluate((chrome) => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    return {
      widgets: [...document.querySelectorAll(':is(.widget, .kit)[data-key]')].map((w) => w.getAttribute('data-key')),
      chrome: chrome.filter((sel) => [...document.querySelectorAll(sel)].some(visible)),
      prose: [...document.querySelectorAll('.prose > *')].map((el) => el.tagName.toLowerCase()),
      back: document.querySelector<HTMLAnchorElement>('.embed-back a')?.href,
      backVisible: [...document.querySelectorAll('.embed-back')].some(visible),
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  }, CHROME);
}

/** y values of the figure, to check it computes the state the URL asked for. */
const yValues = (target: Page | Frame) => target.locator('vecmat-views td[data-y] output').allTextContents();

describe('an embed page', () => {
  test('at 375 px: one working widget with the URL state, the hidden control hidden, no chrome, a link back', async () => {
    const opened = await openPage(`${EMBED}?${STATE}`, { viewport: { width: 375, height: 740 } });
    const { page } = opened;
    const facts = await embedFacts(page);
    expect(facts.widgets).toEqual(['vecmat']);
    expect(facts.prose).toEqual(['vecmat-views']);
    expect(facts.chrome).toEqual([]);
    expect(facts.sideways).toBe(false);
    expect(facts.backVisible).toBe(true);
    expect(facts.back).toBe(`${new URL(LESSON, baseURL()).href}?${new URLSearchParams(STATE)}`);
    expect(await page.getByRole('radio', { name: 'Columns' }).isChecked()).toBe(true);
    expect(await page.locator('vecmat-views [data-control="seed"]').isHidden()).toBe(true);
    // It works: the same state on the lesson page gives the same numbers, and a change is written to the URL.
    const embedY = await yValues(page);
    const lesson = await openPage(`${LESSON}?${STATE}`);
    await lesson.page.locator('vecmat-views').scrollIntoViewIfNeeded(); // widgets start near the viewport
    await lesson.page.locator('vecmat-views[data-ready="true"]').waitFor();
    expect(await yValues(lesson.page)).toEqual(embedY);
    await lesson.close();
    await page.getByRole('radio', { name: 'Rows' }).check();
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('vecmat.view=columns');
    expect(new URL(page.url()).pathname).toBe(EMBED);
    expectClean(opened);
    await opened.close();
  });

  test('in a 600 × 400 iframe, light and ?theme=dark: the widget alone, no sideways scroll', async () => {
    const backgrounds: string[] = [];
    for (const theme of ['light', 'dark']) {
      const opened = await openPage('/404.html', { viewport: { width: 800, height: 600 } });
      const { page } = opened;
      const src = new URL(`${EMBED.slice(1)}?${STATE}&theme=${theme}`, baseURL()).href;
      await page.setContent(`<iframe src="${src}" width="600" height="400" title="embed" style="border:0"></iframe>`);
      const frame = (await (await page.locator('iframe').elementHandle())!.contentFrame())!;
      await frame.waitForLoadState('load');
      const facts = await embedFacts(frame);
      expect(facts.widgets).toEqual(['vecmat']);
      expect(facts.chrome).toEqual([]);
      expect(facts.sideways).toBe(false);
      expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      backgrounds.push(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor));
      expectClean(opened);
      await opened.close();
    }
    expect(backgrounds[0]).not.toBe(backgrounds[1]);
  });

  test('?theme=dark is not remembered: the lesson opened afterwards follows the reader again', async () => {
    const opened = await openPage(`${EMBED}?theme=dark`, { colorScheme: 'light' });
    expect(await opened.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await opened.page.goto(new URL(LESSON.slice(1), baseURL()).href);
    expect(await opened.page.evaluate(() => document.documentElement.dataset.theme ?? null)).toBe(null);
    await opened.close();
  });
});

describe('?embed= on a lesson page', () => {
  test('?embed=1 shows the first widget alone; ?embed=vecscale the one with that key', async () => {
    for (const [query, key] of [
      ['embed=1', 'vecmat'],
      ['embed=vecscale', 'vecscale'],
    ]) {
      const opened = await openPage(`${LESSON}?${query}`);
      const facts = await opened.page.evaluate(() =>
        [...document.querySelectorAll(':is(.widget, .kit)[data-key]')].map((w) => w.getAttribute('data-key')),
      );
      expect(facts).toEqual([key]);
      expect(await opened.page.locator('.site-header').isHidden()).toBe(true);
      expectClean(opened);
      await opened.close();
    }
  });

  test('an unknown widget key leaves the whole lesson, with a note naming the figures it has', async () => {
    const opened = await openPage(`${LESSON}?embed=<b>nope</b>`);
    const note = opened.page.locator('.embed-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain('no figure "<b>nope</b>"');
    // The note names every figure the lesson has, in page order.
    const keys = await opened.page.evaluate(() =>
      [...document.querySelectorAll(':is(.widget, .kit)[data-key]')].map((w) => w.getAttribute('data-key')),
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(await note.textContent()).toContain(`Its figures: ${keys.join(', ')}.`);
    expect(await opened.page.locator('.site-header').isVisible()).toBe(true);
    expectClean(opened);
    await opened.close();
  });
});
