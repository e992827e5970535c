// The site's chrome: the home page lists the lessons in order, the theme follows the system and the toggle, unknown
// paths get the 404 page. What every page must do (load clean, fit a phone, lesson links) is in pages.test.ts.
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';
import { publishedLessons } from './site-pages.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const lessons = publishedLessons(root);

test('the home page lists every published lesson in `order`', async () => {
  const opened = await openPage('/');
  const hrefs = await opened.page.locator('ol.lessons a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(lessons.map((l) => l.url));
  await opened.close();
});

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
    await expect.poll(() => dark.page.locator('theme-toggle button').innerText()).toBe('Switch to light theme');
    await dark.close();
  });

  test('the toggle works from the keyboard and the choice survives a reload', async () => {
    const { page, consoleErrors, foreignRequests, close } = await openPage('/', { colorScheme: 'light' });
    const toggle = page.locator('theme-toggle button');
    await expect.poll(() => toggle.isEnabled()).toBe(true);
    expect(await toggle.innerText()).toBe('Switch to dark theme');

    // Tab to the toggle as a keyboard user would, then press it with Enter.
    for (let i = 0; i < 10 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await toggle.innerText()).toBe('Switch to light theme');
    expect(await bodyLightness(page)).toBeLessThan(0.2);

    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await bodyLightness(page)).toBeLessThan(0.2);
    await expect.poll(() => toggle.innerText()).toBe('Switch to light theme');

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
