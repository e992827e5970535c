// Issue 23, in Chromium: the site keeps working on hosts and in situations a reader meets.
// - Cross-origin isolation (COOP same-origin + COEP require-corp): the model worker starts and computes, with and
//   without those headers (tfjs's threaded wasm path, whose blob: helper fails under COEP, is never taken).
// - A full storage quota reported as Chromium does from a sync access handle (write returns −8 as 4294967288):
//   FlashStepper runs from memory and says why.
// - A host that sends `Vary: Origin`: offline, a lesson reloads and its model widget computes; a page without its
//   slash, its …/index.html and an unknown path get the site (and its 404 page), not the browser's error page.
// - A new deploy while two tabs of the old build are open: both are told a new version is ready; one reloads into
//   it; the other keeps working (its model worker file, gone from the new build, still comes from the old cache);
//   the old cache goes once no old page is left.
import { readFileSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { clickAndSettle, connectChromium, expectClean, openPage } from './harness.ts';
import { closeServer } from './subpath-site.ts';
import { serveSite } from '../../node/serve-site.ts';
import { heatmapComputes } from './heatmap.ts';

const LESSON = 'lessons/02-powerinfer-hot-cold-neurons/';
const OFFLINE_PREFIX = 'llm-preliminaries-offline-';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map(closeServer));
});
async function serve(...args: Parameters<typeof serveSite>) {
  const { server, baseURL } = await serveSite(...args);
  servers.push(server);
  return baseURL;
}

describe('cross-origin isolation', () => {
  for (const isolated of [true, false]) {
    test(`${isolated ? 'with' : 'without'} COOP/COEP the model worker computes, with no error`, async () => {
      const headers: Record<string, string> = isolated
        ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
        : {};
      const opened = await openPage(LESSON, { baseURL: await serve(inject('distDir'), { headers }) });
      expect(await opened.page.evaluate(() => crossOriginIsolated)).toBe(isolated);
      expect(await heatmapComputes(opened.page, 'The whale dove deep.')).toBe('done');
      expectClean(opened);
      await opened.close();
    });
  }
});

// Writes past 1.5 MiB of an OPFS file fail as Chromium reports a full disk from a sync access handle: no exception,
// and −8 returned as an unsigned 32-bit count.
const FULL_QUOTA_UNSIGNED = `{
  const proto = FileSystemSyncAccessHandle.prototype, write = proto.write;
  proto.write = function (buffer, options) {
    return (options?.at ?? 0) + buffer.byteLength > 1.5 * 2 ** 20 ? 4294967288 : write.call(this, buffer, options);
  };
}`;

test('a full quota reported as write() → 4294967288: FlashStepper runs from memory and says why', async () => {
  const path = '/lessons/04-llm-in-a-flash/?stepper.neurons=exact&stepper.tokens=8';
  for (let visit = 0; visit < 2; visit++) {
    // Twice: the second visit (a reload) must not meet a half-written store.
    const { page, close, ...rest } = await openPage(path, { workerPrelude: FULL_QUOTA_UNSIGNED });
    await page.locator('flash-stepper').scrollIntoViewIfNeeded();
    await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
    await page.locator('flash-stepper [data-action="run"]').click();
    await page.locator('flash-stepper:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 180_000 });
    expect(await page.locator('flash-stepper').getAttribute('data-state')).toBe('done');
    expect(await page.locator('flash-stepper [data-notes]').textContent()).toContain("the browser's storage quota");
    expect(await page.locator('flash-stepper [data-out="basis"]').textContent()).toContain('read from memory');
    expect(await page.locator('flash-stepper [data-out="same"]').textContent()).toBe(
      'Same 8 tokens as the model in memory.',
    );
    expectClean(rest);
    await close();
  }
});

describe('service worker', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await connectChromium();
  });
  afterAll(() => browser?.close());

  test('behind a host that sends Vary: Origin, offline: a lesson computes; other paths get the site', {
    timeout: 300_000,
  }, async () => {
    const dist = inject('distDir');
    const base = await serve(dist, { headers: { Vary: 'Origin' } });
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const errors: string[] = [];
    context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
    const page = await context.newPage();
    await page.goto(new URL(LESSON, base).href);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await context.setOffline(true);

    await page.reload();
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await heatmapComputes(page, 'Offline, the whale still dives.')).toBe('done');

    const title = readFileSync(join(dist, LESSON, 'index.html'), 'utf8').match(/<title>([^<]*)<\/title>/)![1];
    for (const path of [LESSON.replace(/\/$/, ''), `${LESSON}index.html`, `${LESSON}?x=1`]) {
      const response = await page.goto(new URL(path, base).href);
      expect(response?.status(), path).toBe(200);
      expect(await page.title(), path).toBe(title.replace(/&amp;/g, '&'));
    }
    const notFound = readFileSync(join(dist, '404.html'), 'utf8').match(/<title>([^<]*)<\/title>/)![1];
    const missing = await page.goto(new URL('lessons/no-such-lesson/', base).href);
    expect(missing?.status()).toBe(404);
    expect(await page.title()).toBe(notFound.replace(/&amp;/g, '&'));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a new deploy: old tabs are told, keep working, and the old cache goes when they are closed', {
    timeout: 400_000,
  }, async () => {
    const dist = inject('distDir');
    const sw = readFileSync(join(dist, 'sw.js'), 'utf8');
    const workerFile = sw.match(/_astro\/model-worker-[\w-]+\.js/)![0];
    let deployed = false;
    // The "new build": another version, without the old build's model worker file.
    const newSw = sw
      .replace(/const VERSION = "(\w+)"/, 'const VERSION = "$1-next"')
      .replace(`"${workerFile}",`, '')
      .replace(`,"${workerFile}"`, '');
    expect(newSw).not.toContain(workerFile);
    const intercept = (pathname: string, res: ServerResponse) => {
      if (!deployed) return false;
      if (pathname === '/sw.js') {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-cache' }).end(newSw);
        return true;
      }
      if (pathname === `/${workerFile}`) {
        res.writeHead(404).end('gone in the new build');
        return true;
      }
      return false;
    };
    const base = await serve(dist, { intercept });
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const errors: string[] = [];
    context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
    const offlineCaches = async (p: Page) =>
      (await p.evaluate(() => caches.keys())).filter((n) => n.startsWith('llm-preliminaries-offline-'));

    const tabA = await context.newPage();
    await tabA.goto(new URL(LESSON, base).href);
    await tabA.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    const tabB = await context.newPage();
    await tabB.goto(new URL(LESSON, base).href); // at the top: its model widget has not started its worker yet
    expect(await tabB.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    deployed = true;
    await tabA.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = (p: Page) => p.locator('#new-version-banner');
    await banner(tabA).waitFor({ timeout: 120_000 });
    await banner(tabB).waitFor({ timeout: 30_000 });
    expect(await banner(tabB).textContent()).toContain('A new version of this site is ready.');

    // Tab A takes the new version; tab B stays on the old build's page.
    await Promise.all([
      tabA.waitForEvent('load', { timeout: 60_000 }),
      banner(tabA).getByRole('button', { name: 'Reload to use it' }).click(),
    ]);
    await expect.poll(() => offlineCaches(tabA), { timeout: 30_000 }).toHaveLength(2);
    expect(await banner(tabA).count()).toBe(0);

    // Tab B's model widget starts now: its worker file is only in the old build's cache.
    expect(await heatmapComputes(tabB, 'The old page still works.')).toBe('done');
    expect(await tabB.locator('neuron-heatmap').textContent()).not.toContain('crashed');

    // Once tab B is closed, the next page load drops the old build's cache.
    await tabB.close();
    await tabA.reload();
    await expect
      .poll(() => offlineCaches(tabA), { timeout: 30_000 })
      .toEqual([expect.stringMatching(new RegExp(`^${OFFLINE_PREFIX}\\w+-next$`))]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('a button that disables itself hands keyboard focus on inside its widget, not to <body>', async () => {
  const opened = await openPage('/lessons/04-llm-in-a-flash/?stepper.neurons=exact&stepper.tokens=8');
  const { page } = opened;
  await page.locator('flash-stepper').scrollIntoViewIfNeeded();
  await page.locator('flash-stepper:not([data-state="static"])').waitFor({ timeout: 120_000 });
  const run = page.locator('flash-stepper [data-action="run"]');
  await run.focus();
  await page.keyboard.press('Enter');
  await page.locator('flash-stepper:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 180_000 });
  // While it ran the button was disabled; focus went to another control of the widget and stays in it.
  const where = await page.evaluate(() => ({
    body: document.activeElement === document.body,
    inWidget: !!document.activeElement?.closest('flash-stepper'),
  }));
  expect(where).toEqual({ body: false, inWidget: true });
  expectClean(opened);
  await opened.close();
});

test('/model/ lists what the site stores (Cache Storage, OPFS, localStorage) and clears it', async () => {
  const opened = await openPage('/model/');
  const { page } = opened;
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const file = await root.getFileHandle('llmp-flash-measure.bin', { create: true });
    const w = await file.createWritable();
    await w.write(new Uint8Array(3 * 1024));
    await w.close();
    await (await caches.open('llm-preliminaries-models-v1')).put('/models/x.json', new Response('{}'));
    localStorage.setItem('llmp-backend', 'wasm');
  });
  await page.reload();
  const section = page.locator('[data-site-storage]');
  await section.scrollIntoViewIfNeeded();
  await expect
    .poll(() => section.locator('[data-storage-list] li').allTextContents())
    .toEqual(
      expect.arrayContaining([
        'Cache Storage “llm-preliminaries-models-v1”, downloaded models and data: 1 file',
        'File “llmp-flash-measure.bin” in the Origin Private File System: 3 KiB',
        'localStorage: 1 remembered setting',
      ]),
    );
  expect(await section.locator('[data-storage-line]').textContent()).toMatch(
    /^This browser keeps [\d.]+ \w+ for this site/,
  );
  await section.getByRole('button', { name: 'Clear everything this site stored' }).click();
  await expect.poll(() => section.locator('[data-storage-note]').textContent()).toMatch(/^Cleared\./);
  // What was stored is gone (the playground above may start its model again meanwhile, so only ours is checked).
  const left = await page.evaluate(async () => {
    const names: string[] = [];
    for await (const [name] of (await navigator.storage.getDirectory()) as unknown as AsyncIterable<[string]>)
      names.push(name);
    const hit = await (await caches.open('llm-preliminaries-models-v1')).match('/models/x.json');
    return { opfs: names, cached: hit !== undefined, local: localStorage.getItem('llmp-backend') };
  });
  expect(left).toEqual({ opfs: [], cached: false, local: null });
  expectClean(opened);
  await opened.close();
});

test('a measurement left half-way leaves no 64 MiB test file: the next page load removes it', async () => {
  const opened = await openPage('/');
  const { page } = opened;
  const names = () =>
    page.evaluate(async () => {
      const out: string[] = [];
      for await (const [name] of (await navigator.storage.getDirectory()) as unknown as AsyncIterable<[string]>)
        out.push(name);
      return out.sort();
    });
  await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    for (const name of ['llmp-flash-throughput.bin', 'llmp-flash-ffn-bundled.bin']) {
      const w = await (await root.getFileHandle(name, { create: true })).createWritable();
      await w.write(new Uint8Array(1 << 20));
      await w.close();
    }
  });
  expect(await names()).toEqual(['llmp-flash-ffn-bundled.bin', 'llmp-flash-throughput.bin']);
  await page.reload();
  // The scratch file goes; a weight store, which the lesson reuses on the next visit, stays (and /model/ lists it).
  await expect.poll(names).toEqual(['llmp-flash-ffn-bundled.bin']);
  expectClean(opened);
  await opened.close();
});

test('one damaged adapter file costs only that adapter: r4 still generates, r1 says what failed', {
  timeout: 300_000,
}, async () => {
  const opened = await openPage('/lessons/07-lora/?adapters.adapter=r4', { ownContext: true }); // routes r1 below
  const { page } = opened;
  // r1.lora arrives as a captive portal's page, for the worker's fetch (routed like the page's own requests).
  await page
    .context()
    .route(/\/models\/lora-sotu-v1\/r1\.lora$/, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Sign in</title>' }),
    );
  const widget = page.locator('lora-adapters');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('lora-adapters[data-ready="true"]').waitFor({ timeout: 120_000 });
  expect(await clickAndSettle(widget, widget.locator('[data-act="compare"]'))).toBe('done');
  expect(await widget.locator('[data-out="compare"]').textContent()).toMatch(/^Identical text/);

  await page.getByLabel('Adapter', { exact: true }).selectOption('r1');
  expect(await clickAndSettle(widget, widget.locator('[data-act="generate"]'))).toBe('error');
  expect(await widget.textContent()).toMatch(/Adapter r1 could not be loaded \(r1(\.lora)?: not a LoRA adapter file/);
  expect(await widget.textContent()).toContain('the other adapters still work');
  await opened.close();
});

test('LoRA training paused while a batch of steps runs: the status line says Paused and stays so', {
  timeout: 300_000,
}, async () => {
  const opened = await openPage('/lessons/07-lora/?backend=wasm&train.steps=400');
  const { page } = opened;
  const train = page.locator('lora-train');
  await train.scrollIntoViewIfNeeded();
  await page.locator('lora-train[data-ready="true"]').waitFor({ timeout: 120_000 });
  await train.locator('[data-act="train"]').click();
  const status = train.locator('[data-progress]');
  await expect.poll(() => status.textContent(), { timeout: 180_000 }).toMatch(/^Training: step [1-9]/);
  // Steps run in batches of about 0.4 s, back to back, so the click lands while one is in flight.
  await train.locator('[data-act="pause"]').click();
  for (let i = 0; i < 6; i++) {
    await page.waitForTimeout(500);
    expect(await status.textContent()).toMatch(/^Paused/);
  }
  await train.locator('[data-act="stop"]').click();
  await opened.close();
});

test('/model/: a non-ASCII prompt shows its characters on the token chips, never "�"', {
  timeout: 200_000,
}, async () => {
  const prompt = 'Café au lait, 日本語 ⚓';
  const opened = await openPage(`/model/?model.tokens=4&model.prompt=${encodeURIComponent(prompt)}`);
  const { page } = opened;
  const widget = page.locator('model-playground');
  await widget.scrollIntoViewIfNeeded();
  await page.locator('model-playground[data-ready="true"]').waitFor({ timeout: 120_000 });
  await widget.getByRole('button', { name: 'Generate' }).click();
  await page.locator('model-playground:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 150_000 });
  expect(await widget.getAttribute('data-state')).toBe('done');
  const chips = await widget
    .locator('.mp-tok[data-kind="prompt"]')
    .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.text ?? ''));
  expect(chips.join('')).not.toContain('\uFFFD');
  // The whole characters, in order, are the prompt; the other chips are the hex bytes of a character's first part.
  expect(chips.filter((c) => !/^‹[0-9a-f ]+›$/.test(c)).join('')).toBe(prompt);
  expectClean(opened);
  await opened.close();
});
