// The site's chrome, on every built page: loads clean from its own origin, lists and links lessons in
// order, themes, and fits a phone. Widgets are tested by their lessons' own test files.
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { sourceUrl } from '../../site/site-config.ts';
import { expectClean, openPage, scrollToEnd } from './harness.ts';
import { builtPages, publishedLessons } from './site-pages.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = builtPages(inject('distDir'));
const lessons = publishedLessons(root);

test('the build has the home page and one page per published lesson', () => {
  expect(pages).toContain('/');
  expect(lessons.length).toBeGreaterThan(0);
  for (const lesson of lessons) expect(pages).toContain(lesson.url);
});

describe.each(pages)('page %s', (path) => {
  test('loads with no console error and no request to another origin, even scrolled to the end', async () => {
    const opened = await openPage(path);
    await scrollToEnd(opened.page);
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });

  test('has no horizontal page scroll at 375px wide', async () => {
    const opened = await openPage(path, { viewport: { width: 375, height: 740 } });
    const { scrollWidth, clientWidth } = await opened.page.evaluate(() => {
      const { scrollWidth, clientWidth } = document.documentElement;
      return { scrollWidth, clientWidth };
    });
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await opened.close();
  });

  test('ignores garbage URL parameters', async () => {
    const opened = await openPage(`${path}?foo=<script>alert(1)</script>&hide=%%%&lesson=../../etc#%zz`);
    await opened.page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });
});

test('the home page lists every published lesson in `order`', async () => {
  const opened = await openPage('/');
  const hrefs = await opened.page.locator('ol.lessons a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(lessons.map((l) => l.url));
  await opened.close();
});

describe.each(lessons.map((lesson, i) => ({ ...lesson, prev: lessons[i - 1], next: lessons[i + 1] })))(
  'lesson $url',
  ({ file, url, sources, prev, next }) => {
    test('has a table of contents whose links all land on headings', async () => {
      const { page, close } = await openPage(url);
      const targets = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) {
        expect(target).toMatch(/^#/);
        expect(await page.locator(`[id="${decodeURIComponent(target!.slice(1))}"]`).count(), target!).toBe(1);
      }
      await close();
    });

    test('lists each frontmatter source as an arXiv abstract link', async () => {
      const { page, close } = await openPage(url);
      const links = await page.locator('.sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links).toHaveLength(sources);
      for (const href of links) expect(href).toMatch(/^https:\/\/arxiv\.org\/abs\/\d{4}\.\d{4,5}(v\d+)?$/);
      await close();
    });

    test('links to the previous and next lessons in order', async () => {
      const { page, close } = await openPage(url);
      const href = (rel: string) =>
        page.locator(`.prev-next a[rel="${rel}"]`).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(await href('prev')).toEqual(prev ? [prev.url] : []);
      expect(await href('next')).toEqual(next ? [next.url] : []);
      await close();
    });

    test("links to its own source file under 'Fork this lesson'", async () => {
      const { page, close } = await openPage(url);
      expect(await page.locator('footer a.fork').getAttribute('href')).toBe(sourceUrl(file));
      await close();
    });
  },
);

describe('theme', () => {
  const bodyLightness = (page: import('playwright-core').Page) =>
    page.evaluate(() => {
      // Parse the computed background colour, e.g. "rgb(21, 23, 27)", into a 0..1 lightness.
      const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });

  test('follows the system colour scheme when the reader has not chosen', async () => {
    const light = await openPage('/', { colorScheme: 'light' });
    expect(await bodyLightness(light.page)).toBeGreaterThan(0.8);
    await light.close();
    const dark = await openPage('/', { colorScheme: 'dark' });
    expect(await bodyLightness(dark.page)).toBeLessThan(0.2);
    await expect.poll(() => dark.page.locator('theme-toggle button').textContent()).toBe('Switch to light theme');
    await dark.close();
  });

  test('the toggle works from the keyboard and the choice survives a reload', async () => {
    const { page, consoleErrors, foreignRequests, close } = await openPage('/', { colorScheme: 'light' });
    const toggle = page.locator('theme-toggle button');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.textContent()).toBe('Switch to dark theme');

    // Tab to the toggle as a keyboard user would, then press it with Enter.
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await toggle.textContent()).toBe('Switch to light theme');
    expect(await bodyLightness(page)).toBeLessThan(0.2);

    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bodyLightness(page)).toBeLessThan(0.2);
    await expect.poll(() => toggle.textContent()).toBe('Switch to light theme');

    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('light');
    expect(await bodyLightness(page)).toBeGreaterThan(0.8);
    expectClean({ consoleErrors, foreignRequests });
    await close();
  });
});

test('an unknown path gets the 404 page with status 404', async () => {
  const response = await fetch(new URL('no/such/page/', inject('baseURL')));
  expect(response.status).toBe(404);
  expect(await response.text()).toContain('Page not found');
});
