// Offline reading, in Chromium, on the sub-path build: after one visit the service worker has precached the
// build (and removed an older build's cache, but not the model loader's); then, with the network cut (the
// browser set offline and the server shut down), the lesson reloads and its model-backed widget (BatchUnion,
// which runs target-v1 in the worker: worker script, tfjs, wasm and weights all from the cache) computes again;
// a lesson never opened before opens too.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHROMIUM } from './harness.ts';
import { closeServer, serveSubpathSite } from './subpath-site.ts';
import type { Server } from 'node:http';

const LESSON = 'lessons/03-powerinfer-2-sparsity-on-a-phone/?batch.batch=2&batch.steps=2&pipe.cached=0.75';
const OLD_CACHE = 'llm-preliminaries-offline-0000000000000000';
const MODEL_CACHE = 'llm-preliminaries-models-v1'; // lib/load.ts's MODEL_CACHE_NAME

let server: Server | undefined;
let siteUrl: string;
let browser: Browser;
beforeAll(async () => {
  ({ server, url: siteUrl } = await serveSubpathSite());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  if (server) await closeServer(server);
});

test('after one visit, with the network cut, a lesson reloads and its model-backed widget computes', async () => {
  const context = await browser.newContext({ serviceWorkers: 'allow' });
  const errors: string[] = [];
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
  // An older build's cache, made before this build's service worker installs: activate must delete it.
  await context.addInitScript((name) => void caches.open(name), OLD_CACHE);
  const page = await context.newPage();
  await page.goto(new URL(LESSON, siteUrl).href);

  // First visit: the widget computes online, and the service worker installs, precaches and takes control.
  const batch = page.locator('batch-union');
  await batch.scrollIntoViewIfNeeded();
  await page.locator('batch-union[data-state="done"]').waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  const caches = await page.evaluate(() => caches.keys());
  expect(caches.filter((n) => n.startsWith('llm-preliminaries-offline-'))).toHaveLength(1);
  expect(caches).not.toContain(OLD_CACHE);
  expect(caches).toContain(MODEL_CACHE); // the model loader's own cache is kept

  // Cut the network twice over: the browser is offline and the server is gone.
  await context.setOffline(true);
  await closeServer(server!);
  server = undefined;

  await page.reload();
  expect(await page.locator('h1').textContent()).toContain('PowerInfer-2');
  expect(await page.locator('.katex').count()).toBeGreaterThan(0); // maths and its fonts' CSS from the cache
  await batch.scrollIntoViewIfNeeded();
  await page.locator('batch-union:is([data-state="done"], [data-state="error"])').waitFor({ timeout: 120_000 });
  expect(await batch.getAttribute('data-state')).toBe('done');
  expect(await page.locator('batch-union [data-table="union"] tbody tr').count()).toBeGreaterThan(0);

  // A lesson this reader never opened is there too, because the whole build was precached.
  await page.goto(new URL('lessons/01-three-views-of-xw/', siteUrl).href);
  await page.locator('vecmat-views[data-ready="true"]').waitFor();
  expect(errors).toEqual([]);
  await context.close();
});
