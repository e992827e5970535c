// Lesson 6, "AWQ", in Chromium: the page loads clean with every widget's first view, the widgets compute in the model
// worker (a fast RTN int4 run, an α curve for another layer, the Monte Carlo, a small race), garbage URL values give
// notes while the page stays usable, and there are no console errors or foreign requests.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectClean, openPage, type OpenedPage } from './harness.ts';

const PATH = '/lessons/06-awq/';

async function settled(page: Page, tag: string): Promise<string | null> {
  const el = page.locator(tag);
  await el.scrollIntoViewIfNeeded();
  await page.locator(`${tag}:is([data-state="done"], [data-state="error"])`).waitFor({ timeout: 110_000 });
  return el.getAttribute('data-state');
}

describe('lesson 6 page', () => {
  let opened: OpenedPage;
  beforeAll(async () => {
    opened = await openPage(`${PATH}?quant.bits=4&quant.method=rtn&alpha.layer=h.1.mlp.down&micro.s=1.5`);
  });
  afterAll(() => opened?.close());

  test('loads clean; QuantizeIt quantizes (RTN int4) in the worker and adds a run; the α curve and Monte Carlo compute', async () => {
    const { page } = opened;
    expect(await settled(page, 'quantize-it')).toBe('done');
    await expect.poll(() => page.locator('quantize-it [data-runs] tr').count()).toBe(2);
    const result = await page.locator('quantize-it [data-out="result"]').textContent();
    expect(result).toMatch(
      /^target-v1 \(trained\), int4, group 128, Round to nearest \(RTN\): loss \d\.\d+ nats\/token .*95% interval [+−]/,
    );
    expect((await page.locator('quantize-it [data-out="sample"]').textContent())?.length).toBeGreaterThan(5);
    expect(await settled(page, 'alpha-slider')).toBe('done');
    await expect
      .poll(() => page.locator('alpha-slider [data-out="sentence"]').textContent())
      .toMatch(/^h\.1\.mlp\.down, α = [\d.]+: the best α of the grid/); // opens at the computed best α
    expect(await page.locator('alpha-slider [data-chart="error"] svg').count()).toBeGreaterThan(0);
    expect(await settled(page, 'error-microscope')).toBe('done');
    await expect
      .poll(() => page.locator('error-microscope [data-out="mc"]').textContent())
      .toMatch(/^10,000 random groups of 128, one weight scaled by 1\.5/);
    expect(await page.locator('error-microscope [data-chart="line"] svg').count()).toBeGreaterThan(0);
    // Bits outside the schema's range are refused with a message, not applied silently.
    await page.locator('error-microscope [data-control="bits"] input').fill('99');
    await expect
      .poll(() => page.locator('error-microscope [data-notes]').textContent())
      .toMatch(/“99” is not a whole number from 2 to 8/);
    await page.locator('error-microscope [data-control="bits"] input').fill('4');
    await expect.poll(() => page.locator('error-microscope [data-notes]').textContent()).not.toMatch(/99/);
    await page.waitForLoadState('networkidle');
    expectClean(opened);
  });

  test('the α slider answers the keyboard; Int4Race races the small matrix in the browser', async () => {
    const { page } = opened;
    expect(await settled(page, 'alpha-slider')).toBe('done');
    const slider = page.getByRole('slider', { name: 'α (s = s_X^α)' });
    await slider.focus();
    await page.keyboard.press('Home');
    await expect
      .poll(() => page.locator('alpha-slider [data-out="sentence"]').textContent())
      .toMatch(/α = 0: output error 100% of round-to-nearest/);
    await expect.poll(() => page.evaluate(() => location.search)).toContain('alpha.a=0');
    const race = page.locator('int4-race');
    await race.scrollIntoViewIfNeeded();
    await page.locator('int4-race[data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Race in my browser' }).click();
    expect(await settled(page, 'int4-race')).toBe('done');
    expect(await page.locator('int4-race [data-out="race"]').textContent()).toMatch(
      /^In your browser: 512 x 128: fp32 .* int4 .*(faster|slower)/,
    );
    expectClean(opened);
  });
});

describe('lesson 6 with garbage in the URL', () => {
  test('bad bits, group size, method and s are explained in notes; the widgets still run with their defaults', async () => {
    const opened = await openPage(
      `${PATH}?quant.bits=9&quant.group=48&quant.method=gptq&micro.s=banana&alpha.layer=h.9.mlp.up&int4.size=huge`,
    );
    try {
      const { page } = opened;
      for (const tag of ['quantize-it', 'error-microscope', 'alpha-slider']) {
        await page.locator(tag).scrollIntoViewIfNeeded();
        await expect.poll(() => page.locator(`${tag} [data-notes]`).textContent(), { timeout: 60_000 }).not.toBe('');
      }
      expect(await page.locator('quantize-it [data-notes]').textContent()).toMatch(/bits/);
      expect(await page.locator('quantize-it [data-notes]').textContent()).toMatch(/group/);
      expect(await page.locator('quantize-it [data-notes]').textContent()).toMatch(/method/);
      expect(await settled(page, 'quantize-it')).toBe('done'); // the defaults' shipped result
      expect(await settled(page, 'error-microscope')).toBe('done');
      await page.locator('int4-race').scrollIntoViewIfNeeded();
      await expect
        .poll(() => page.locator('int4-race [data-notes]').textContent(), { timeout: 60_000 })
        .toMatch(/size/);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});
