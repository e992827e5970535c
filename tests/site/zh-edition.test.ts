// The Chinese edition in Chromium: its text is drawn in a CJK font the system has (no missing glyphs, and no web
// font that could arrive late and move the text), and the language switch keeps the reader's place: the same
// lesson, section anchor and widget settings, in both directions.
import { expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const PHONE = { viewport: { width: 375, height: 740 }, colorScheme: 'dark' } as const;

test('Chinese text is drawn by a system CJK font, with every glyph found and no web font', async () => {
  const opened = await openPage('/zh/lessons/08-specinfer/', { ...PHONE, ownContext: true }); // DevTools domains on
  const { page } = opened;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  for (const selector of ['h1', '.summary', '.prose > p', '.site-header nav a']) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    expect(nodeId, selector).toBeGreaterThan(0);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(
      fonts.filter((f) => f.isCustomFont),
      `${selector}: web fonts`,
    ).toEqual([]);
    const cjk = fonts.filter((f) => /CJK|PingFang|YaHei|Hiragino|Source Han|Noto Sans SC/i.test(f.familyName));
    expect(
      cjk.reduce((n, f) => n + f.glyphCount, 0),
      `${selector}: ${JSON.stringify(fonts)}`,
    ).toBeGreaterThan(0);
  }
  // A glyph no font has would be drawn as a box: Chromium then reports a font with no glyphs for those characters,
  // so the count of glyphs drawn equals the count of characters in the text.
  const text = await page.locator('h1').innerText();
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  expect(fonts.reduce((n, f) => n + f.glyphCount, 0)).toBe([...text.replace(/\s/g, '')].length);
  expectClean(opened);
  await opened.close();
});

test('the language switch keeps the lesson, the section and the widget settings, both ways', async () => {
  const opened = await openPage('/lessons/08-specinfer/?tree.shape=chain%204#greedy-verification');
  const { page } = opened;
  await page.locator('a[data-lang-switch]').click();
  await page.waitForURL(/\/zh\/lessons\/08-specinfer\//);
  const zh = new URL(page.url());
  expect(zh.search).toBe('?tree.shape=chain%204');
  expect(zh.hash).toBe('#greedy-verification');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  expect(await page.locator('h2#greedy-verification, h3#greedy-verification').count()).toBe(1);
  await page.locator('spec-tree').scrollIntoViewIfNeeded(); // widgets start near the viewport
  await page.locator('spec-tree[data-ready="true"]').waitFor();
  expect(await page.locator('spec-tree input[id$="-shape"]').inputValue()).toBe('chain 4');
  await page.locator('a[data-lang-switch]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/zh/'));
  expect(new URL(page.url()).pathname).toBe('/lessons/08-specinfer/');
  expect(new URL(page.url()).hash).toBe('#greedy-verification');
  expectClean(opened);
  await opened.close();
});

test('an embed opened with ?lang=zh shows the Chinese edition of the same figure with its settings', async () => {
  const opened = await openPage('/embed/08-specinfer/tree/?lang=zh&tree.tokens=16');
  const { page } = opened;
  await page.waitForURL(/\/zh\/embed\/08-specinfer\/tree\//);
  expect(new URL(page.url()).search).toBe('?tree.tokens=16');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  expect(await page.locator('spec-tree').count()).toBe(1);
  expectClean(opened);
  await opened.close();
});
