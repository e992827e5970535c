// Offline reading, in Chromium, on the sub-path build: one visit lets the service worker precache the whole build
// (removing an older build's cache and leaving the model loader's alone); then, with the network cut (the browser
// set offline and the server shut down), the lesson reloads and its model-backed widget computes: NeuronHeatmap
// runs the reader's prompt through target-v1 in the worker, whose script, tfjs and wasm binary come from the service
// worker's cache and whose weights come from the model loader's cache, where the service worker put every model file
// at install (the first visit never ran the model). Model files are stored once (issue 23: they were in both caches,
// 21.5 MB twice). A lesson never opened before opens too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { connectChromium } from './harness.ts';
import { closeServer, serveSubpathSite } from './subpath-site.ts';
import type { Server } from 'node:http';

const LESSON = 'lessons/02-powerinfer-hot-cold-neurons/';
const OLD_CACHE = 'llm-preliminaries-offline-0000000000000000';
const MODEL_CACHE = 'llm-preliminaries-models-v1'; // lib/fetch-file.ts's MODEL_CACHE_NAME

let server: Server | undefined;
let siteUrl: string;
let browser: Browser;
beforeAll(async () => {
  ({ server, url: siteUrl } = await serveSubpathSite());
  browser = await connectChromium();
});
afterAll(async () => {
  await browser?.close();
  if (server) await closeServer(server);
});

/** Every cached models/… URL, with the cache holding it and its size in bytes. */
const modelEntries = (page: import('playwright-core').Page) =>
  page.evaluate(async () => {
    const out: { cache: string; url: string; bytes: number }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        if (!new URL(request.url).pathname.includes('/models/')) continue;
        const response = await cache.match(request);
        out.push({ cache: name, url: request.url, bytes: (await response!.arrayBuffer()).byteLength });
      }
    }
    return out;
  });

/** Model files held once, all in the loader's cache: no URL twice, none in the build's cache. */
function expectStoredOnce(entries: { cache: string; url: string; bytes: number }[]) {
  expect(entries.filter((e) => e.cache !== MODEL_CACHE)).toEqual([]);
  expect(new Set(entries.map((e) => e.url)).size).toBe(entries.length);
}

/** The heatmap's drawn cells, as the path's d attribute. */
const cells = (page: import('playwright-core').Page) => page.locator('neuron-heatmap [data-path]').getAttribute('d');

test('after one visit, with the network cut, a lesson reloads and its model-backed widget computes', {
  timeout: 300_000,
}, async () => {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
  // An older build's cache and the model loader's cache, made before this build's service worker installs.
  await context.addInitScript(
    ([old, models]) => self.caches && void Promise.all([caches.open(old), caches.open(models)]),
    [OLD_CACHE, MODEL_CACHE],
  );
  const page = await context.newPage();
  await page.goto(new URL(LESSON, siteUrl).href);

  // First visit: the service worker installs, precaches the build and takes control of the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  const names = await page.evaluate(() => caches.keys());
  expect(names.filter((n) => n.startsWith('llm-preliminaries-offline-'))).toHaveLength(1);
  expect(names).not.toContain(OLD_CACHE); // activate deleted the older build's cache
  expect(names).toContain(MODEL_CACHE); // and kept the model loader's
  const stored = await modelEntries(page);
  expect(stored.some((e) => e.url.endsWith('/models/target-v1/weights-shard1of1.bin'))).toBe(true);
  expectStoredOnce(stored);
  const modelBytes = stored.reduce((n, e) => n + e.bytes, 0);

  // Cut the network twice over: the browser is offline and the server is gone.
  await context.setOffline(true);
  await closeServer(server!);
  server = undefined;

  await page.reload();
  expect(await page.locator('h1').textContent()).toContain('PowerInfer');
  expect(await page.locator('.katex').count()).toBeGreaterThan(0);
  const heatmap = page.locator('neuron-heatmap');
  await heatmap.scrollIntoViewIfNeeded();
  await page.locator('neuron-heatmap[data-ready="true"]').waitFor({ timeout: 60_000 });
  const before = await cells(page);
  await page.getByLabel(/Your prompt/).fill('The whale dove deep.');
  // The static view is already "done"; wait for the worker's answer (new cells) or its error.
  await page.waitForFunction(
    (old) => {
      const el = document.querySelector<HTMLElement>('neuron-heatmap')!;
      return (
        el.dataset.state === 'error' ||
        (el.dataset.state === 'done' && el.querySelector('[data-path]')?.getAttribute('d') !== old)
      );
    },
    before,
    { timeout: 180_000 },
  );
  expect(await heatmap.getAttribute('data-state')).toBe('done');
  expect(await cells(page)).not.toBe(before);
  // The loader found the weights in its cache: nothing was stored a second time.
  const after = await modelEntries(page);
  expectStoredOnce(after);
  expect(after.reduce((n, e) => n + e.bytes, 0)).toBe(modelBytes);

  // A lesson this reader never opened is there too, because the whole build was precached.
  await page.goto(new URL('lessons/01-three-views-of-xw/', siteUrl).href);
  await page.locator('vecmat-views').scrollIntoViewIfNeeded();
  await page.locator('vecmat-views[data-ready="true"]').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
