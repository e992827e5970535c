// The "Meet the model" page (/model/) and its ModelPlayground, driven in Chromium against the committed weights
// in public/models/: numbers come from card.json, Generate streams tokens from the worker, greedy decoding
// reproduces the card's sample, a second visit reads the weights from the Cache API, a huge prompt is cut with a
// note, and bad URL parameters are explained. Also the unlinked /bench/ page: noindex, and idle without ?backend=.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { Tokenizer } from '../../lib/tokenizer.ts';
import { expectClean, openPage } from './harness.ts';

const models = fileURLToPath(new URL('../../public/models/', import.meta.url));
const card = (name: string) => JSON.parse(readFileSync(`${models}${name}/card.json`, 'utf8'));
const tokenizer = (name: string) => new Tokenizer(JSON.parse(readFileSync(`${models}${name}/tokenizer.json`, 'utf8')));

const WIDGET = 'model-playground';
const WEIGHT_FILE = /\/models\/[^/]+\/(weights\.json|[^/]+\.bin)$/;

/** Scroll the playground into view (it starts near the viewport) and wait until its model is loaded. */
async function playgroundReady(page: Page) {
  // Generous timeouts: the machine that runs these tests may be busy (the WebGL worker runs on SwiftShader, a CPU).
  await page.locator(WIDGET).scrollIntoViewIfNeeded({ timeout: 90_000 });
  await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.state === 'ready', WIDGET, {
    timeout: 90_000,
  });
}

/** Press Generate and wait until the run is over; returns the generated chips' token ids. */
async function generate(
  page: Page,
  start: () => Promise<void> = () => page.getByRole('button', { name: 'Generate' }).click({ timeout: 60_000 }),
) {
  await start();
  await page.waitForFunction(
    (sel) => ['done', 'error'].includes(document.querySelector<HTMLElement>(sel)?.dataset.state ?? ''),
    WIDGET,
    {
      timeout: 110_000,
    },
  );
  expect(
    await page.locator(WIDGET).getAttribute('data-state'),
    (await page.locator(`${WIDGET} [data-status]`).textContent()) ?? '',
  ).toBe('done');
  return page
    .locator(`${WIDGET} .mp-tok[data-kind="gen"]`)
    .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.id)));
}

describe('/model/', () => {
  test('loads clean and shows both model cards with their numbers, a loss chart and the static greedy sample', async () => {
    const opened = await openPage('/model/');
    const { page } = opened;
    const target = card('target-v1');
    const draft = card('draft-v1');
    const table = page.locator('table.model-table').first();
    for (const c of [target, draft]) {
      await expect.poll(() => table.textContent()).toContain(c.parameters.toLocaleString('en-US'));
      expect(await table.textContent()).toContain(c.validationLoss.toFixed(3));
      expect(await table.textContent()).toContain(c.command);
      expect(await page.locator('.sample blockquote p').allTextContents()).toContain(
        c.greedySample.prompt + c.greedySample.text,
      );
    }
    expect(await page.locator('main').textContent()).toContain(
      `${(target.parameters / draft.parameters).toFixed(1)}× smaller`,
    );
    // Before any script runs the playground shows the card's greedy sample as token chips.
    const chips = await page.locator(`${WIDGET} .mp-tok`).count();
    expect(chips).toBeGreaterThan(10);

    await page.locator('[data-loss-chart]').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('[data-loss-chart] svg').count()).toBeGreaterThan(0);
    await playgroundReady(page);
    expect(await page.locator(`${WIDGET} [data-out="backend"]`).textContent()).toMatch(/^(wasm|webgl|cpu)$/);
    await page.waitForLoadState('networkidle');
    expectClean(opened);
    await opened.close();
  });

  test('Generate streams tokens from the committed weights, with a chart and a live summary of the last step', async () => {
    const opened = await openPage('/model/?model.tokens=24');
    const { page } = opened;
    await playgroundReady(page);
    // Record how many generated chips there are each time the chip list changes: streaming means many sizes.
    await page.evaluate((sel) => {
      const w = window as unknown as { chipCounts: number[] };
      w.chipCounts = [];
      const host = document.querySelector(`${sel} [data-tokens]`)!;
      new MutationObserver(() => w.chipCounts.push(host.querySelectorAll('[data-kind="gen"]').length)).observe(host, {
        childList: true,
      });
    }, WIDGET);
    const ids = await generate(page);
    expect(ids.length).toBe(24);
    const counts = await page.evaluate(() => (window as unknown as { chipCounts: number[] }).chipCounts);
    expect(
      new Set(counts.filter((n) => n > 0 && n < 24)).size,
      'partial results shown while generating',
    ).toBeGreaterThan(2);
    expect(await page.locator(`${WIDGET} .mp-tok[data-kind="prompt"]`).count()).toBeGreaterThan(0);

    const summary = await page.locator(`${WIDGET} [data-summary]`).textContent();
    expect(summary).toMatch(/^Generated 24 tokens with target-v1; last token '.*' with probability \d/);
    await expect.poll(() => page.locator(`${WIDGET} [data-chart] svg`).count()).toBe(1);
    expect(await page.locator(`${WIDGET} [data-step-summary]`).textContent()).toMatch(
      /^Token 24 is '.*five most likely/,
    );

    // Keyboard: Home on the selected chip shows the first step.
    await page.locator(`${WIDGET} button.mp-tok[aria-pressed="true"]`).focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.locator(`${WIDGET} [data-step-summary]`).textContent()).toMatch(/^Token 1 is /);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.step)).toBe('0');
    expect(page.url()).toContain('model.tokens=24');
    expectClean(opened);
    await opened.close();
  });

  test("greedy decoding of draft-v1 reproduces its model card's sample", async () => {
    const c = card('draft-v1');
    const prompt = encodeURIComponent(c.greedySample.prompt);
    const opened = await openPage(
      `/model/?model.model=draft-v1&model.temperature=0&model.tokens=${c.greedySample.maxNewTokens}&model.prompt=${prompt}`,
    );
    const { page } = opened;
    await playgroundReady(page);
    const ids = await generate(page);
    expect(ids.length).toBe(c.greedySample.maxNewTokens);
    // Decode the chips' token ids with the shipped tokenizer: the card's text, byte for byte. The card was decoded
    // on Node's cpu backend and this runs on the browser's (webgl on SwiftShader, or wasm); they agree here, though a
    // near-tie between two logits could in principle flip one argmax.
    const backend = await page.locator(`${WIDGET} [data-out="backend"]`).textContent();
    expect(tokenizer('draft-v1').decode(ids), `greedy sample on the ${backend} backend`).toBe(c.greedySample.text);
    expectClean(opened);
    await opened.close();
  });

  test('a second visit in the same browser reads the weights from the Cache API, not the network', async () => {
    const opened = await openPage('/model/', { ownContext: true }); // a first visit: an empty HTTP cache too
    const { page } = opened;
    const weightRequests: string[] = [];
    page.context().on('request', (r) => {
      if (WEIGHT_FILE.test(new URL(r.url()).pathname)) weightRequests.push(r.url());
    });
    await playgroundReady(page);
    expect(await page.locator(WIDGET).getAttribute('data-weights')).toBe('network');
    expect(weightRequests.length).toBeGreaterThan(0); // the first visit downloads them

    weightRequests.length = 0;
    await page.reload();
    await playgroundReady(page);
    expect(await page.locator(WIDGET).getAttribute('data-weights')).toBe('cache');
    expect(await page.locator(`${WIDGET} [data-out="weights"]`).textContent()).toContain('from cache');
    expect(weightRequests).toEqual([]);
    expectClean(opened);
    await opened.close();
  });

  test('a 20,000-character prompt typed into the box is cut by the worker, with a note, and the page stays responsive', async () => {
    const opened = await openPage('/model/?model.tokens=8');
    const { page } = opened;
    await playgroundReady(page);
    const box = page.getByLabel('Prompt', { exact: true }).filter({ visible: true });
    await box.fill('Call me Ishmael. '.repeat(1200).slice(0, 20_000));
    const ids = await generate(page, async () => {
      await box.press('Control+Enter');
      // While the worker reads the prompt, the page still answers within a frame or two.
      const t = Date.now();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      expect(Date.now() - t).toBeLessThan(1000);
    });
    expect(ids.length).toBe(8);
    const notes = await page.locator(`${WIDGET} [data-notes]`).textContent();
    expect(notes).toContain('The prompt had 20,000 characters');
    expect(notes).toContain(
      'A link to this page keeps prompts of up to 500 characters, so this one is not saved in the address',
    );
    expect(await page.locator(`${WIDGET} .mp-tok[data-kind="cut"]`).count()).toBe(1);
    expect(await page.locator(`${WIDGET} .mp-tok[data-kind="prompt"]`).count()).toBeLessThanOrEqual(128);
    // A link cannot carry the prompt the model used (its last 128 tokens of 20,000 characters), so none is written.
    // The address is written (throttled) with all values at once: change another one and wait for it to appear, so
    // the write that would have carried the prompt has happened.
    await page.getByLabel('New tokens', { exact: true }).filter({ visible: true }).fill('9');
    await expect.poll(() => new URL(page.url()).searchParams.get('model.tokens')).toBe('9');
    expect(new URL(page.url()).searchParams.get('model.prompt')).toBeNull();
    expectClean(opened);
    await opened.close();
  });

  test('bad URL parameters are clamped or ignored, with a visible note, and the widget still works', async () => {
    const long = 'x'.repeat(800);
    const opened = await openPage(
      `/model/?model.temperature=banana&model.topk=9999&model.model=gpt-4&model.colour=red&model.prompt=${long}&hide=model.seed,model.nope`,
    );
    const { page } = opened;
    await playgroundReady(page);
    const notes = (await page.locator(`${WIDGET} [data-notes]`).textContent()) ?? '';
    expect(notes).toContain('Ignored model.temperature="banana"');
    expect(notes).toContain('model.topk="9999" is above the maximum, so 512 is used');
    expect(notes).toContain('Ignored model.model="gpt-4": expected one of target-v1, draft-v1');
    expect(notes).toContain('Ignored unknown setting "model.colour"');
    expect(notes).toContain('model.prompt has 800 characters; a link keeps at most 500');
    expect(notes).toContain('Cannot hide "model.nope"');
    expect(await page.getByLabel('Top-k (0 = all)').filter({ visible: true }).inputValue()).toBe('512');
    expect(await page.getByLabel('Temperature').filter({ visible: true }).inputValue()).toBe('0.8');
    expect(await page.getByLabel('Prompt', { exact: true }).filter({ visible: true }).inputValue()).toBe(
      'x'.repeat(500),
    );
    expect(await page.locator(`${WIDGET} [data-control="seed"]`).isHidden()).toBe(true);
    expectClean(opened);
    await opened.close();
  });
});

describe('/model/ state', () => {
  test('a shared link with another prompt shows that prompt, not the build-time sample of the default one', async () => {
    const opened = await openPage('/model/?model.prompt=The%20whale');
    const { page } = opened;
    await playgroundReady(page);
    expect(await page.locator('#model-prompt').inputValue()).toBe('The whale');
    expect(await page.locator(`${WIDGET} [data-tokens] > *`).count()).toBe(0);
    expect(await page.locator(`${WIDGET} [data-caption]`).textContent()).toContain('Press Generate');
    expectClean(opened);
    await opened.close();
  });

  test('the Weights row names the model chosen, also after switching away and back', async () => {
    const opened = await openPage('/model/');
    const { page } = opened;
    await playgroundReady(page);
    const weights = page.locator(`${WIDGET} [data-out="weights"]`);
    await expect.poll(() => weights.textContent(), { timeout: 120_000 }).toMatch(/^target-v1: /);
    const model = page.locator('#model-name');
    await model.selectOption('draft-v1');
    await expect.poll(() => weights.textContent(), { timeout: 120_000 }).toMatch(/^draft-v1: /);
    await model.selectOption('target-v1');
    await expect.poll(() => weights.textContent(), { timeout: 120_000 }).toMatch(/^target-v1: /);
    expectClean(opened);
    await opened.close();
  });
});

describe('/bench/', () => {
  test('is a page of the site, linked from /model/, and runs nothing without ?backend=', async () => {
    const model = await openPage('/model/');
    expect(await model.page.locator('a[href="/bench/"]').count()).toBeGreaterThan(0);
    await model.close();
    const opened = await openPage('/bench/');
    const { page } = opened;
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.locator('meta[name="robots"]').count()).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#bench-result').getAttribute('data-state')).toBe('idle');
    expect(await page.locator('#bench-status').textContent()).toContain('Nothing runs');
    // The recorded figures (site/data/bench-reference.json) are on the page before anything runs.
    expect(await page.locator('#bench-table tbody tr[data-ref]').count()).toBeGreaterThan(0);
    expectClean(opened);
    await opened.close();
  });
});
