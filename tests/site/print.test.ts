// Printing a lesson in Chromium: with print media, its text, equations, citations and each widget's figure are
// there, and no control (button, input, select), navigation, table of contents or theme toggle is; and it
// prints to a PDF.
import { expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const LESSON = '/lessons/01-three-views-of-xw/';

test('a lesson prints with figures, equations and citations, without controls or navigation', async () => {
  const opened = await openPage(LESSON);
  const { page } = opened;
  await page.locator('vecmat-views').scrollIntoViewIfNeeded(); // widgets start near the viewport
  await page.locator('vecmat-views[data-ready="true"]').waitFor();
  await page.emulateMedia({ media: 'print' });
  const shown = (selector: string) =>
    page.locator(selector).evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).length);
  expect(await shown(':is(.widget, .kit)')).toBe(await page.locator(':is(.widget, .kit)').count());
  expect(await shown(':is(.widget, .kit) td[data-y]')).toBeGreaterThan(0); // the figure's numbers
  expect(await shown('.katex')).toBeGreaterThan(0);
  expect(await shown('a.cite')).toBeGreaterThan(0);
  expect(await shown('.sources li')).toBeGreaterThan(0);
  expect(await shown(':is(.widget, .kit) :is(button, input, select, textarea)')).toBe(0);
  expect(await shown('.site-header nav, theme-toggle, nav.toc, .prev-next')).toBe(0);
  // Sources print with their addresses, so a paper copy can still be followed.
  const after = await page
    .locator('.sources a')
    .first()
    .evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain('https://arxiv.org/abs/');
  // Printed, the page is light whatever the screen theme.
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expectClean(opened);
  await opened.close();
});
