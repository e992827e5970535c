// The reader's roofline in Chromium, as a lesson embeds it, at a phone's width: Measure (pressed from the keyboard)
// runs the probe and the decode passes in the page's model worker, and the widget shows the roofs, ten numbered
// passes in the table and on the chart, and a summary that reads them, with nothing wider than the screen.
import { describe, expect, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';

const WIDGET = 'roofline-plot';

describe('Roofline embed', () => {
  test('Measure from the keyboard: roofs, ten passes, a chart and a summary, at 375 px', async () => {
    const opened = await openPage('/embed/01-three-views-of-xw/roofline/?backend=wasm', {
      viewport: { width: 375, height: 800 },
    });
    const { page } = opened;
    await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.state === 'ready', WIDGET, {
      timeout: 90_000,
    });
    // Before a run: the intensities from the model's shapes, no rates.
    const before = await page.locator(`${WIDGET} [data-out="table"] tr`).allInnerTexts();
    expect(before).toHaveLength(4);
    expect(before[0]).toMatch(/0\.5 FLOP\/byte/);
    await page.getByRole('button', { name: 'Measure my device' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (sel) => ['done', 'error'].includes(document.querySelector<HTMLElement>(sel)?.dataset.state ?? ''),
      WIDGET,
      { timeout: 110_000 },
    );
    const widget = page.locator(WIDGET);
    expect(await widget.getAttribute('data-state')).toBe('done');
    const rows = await page.locator(`${WIDGET} [data-out="table"] tr`).allInnerTexts();
    expect(rows).toHaveLength(10); // tfjs fp32, lean js and lean simd × fp32 and int4, × one token and a tree of 8
    for (const r of rows) expect(r).toMatch(/\d GFLOP\/s/);
    const summary = await page.locator(`${WIDGET} [data-summary]`).innerText();
    console.log(`[roofline, Chromium] ${summary}\n${rows.join('\n')}`);
    expect(summary).toMatch(/^Your device: compute roof [\d.,]+ GFLOP\/s .* memory roof [\d.,]+ [GM]B\/s/);
    const labels = await page.locator(`${WIDGET} [data-chart="chart"] svg text`).allTextContents();
    for (let n = 1; n <= 10; n++) expect(labels).toContain(String(n));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expectClean(opened);
    await opened.close();
  });
});
