// The site deployed under a sub-path, as on a static host serving it at /courses/llm/: every page's HTML keeps its
// addresses under the base, and every page but the embeds (lessons, one embed, the model page, 404) loads with no failed request, no request outside the base and none to another
// origin, and between them the pages fetch the model worker, a wasm binary and a model's weights from under
// the base. The build includes a lesson forked with `npm run new-lesson`, which must render with its widget,
// its equation and its citation, with no other change to the site.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM, scrollToEnd } from './harness.ts';
import { builtPages } from './site-pages.ts';
import { BASE, FORK_SLUG, closeServer, forkedLessonId, serveSubpathSite, subpathDist } from './subpath-site.ts';
import type { Server } from 'node:http';

// Built (or reused) before the tests are collected, so the page list below is this build's.
const { server, url: siteUrl }: { server: Server; url: string } = await serveSubpathSite();
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await closeServer(server);
});

/** Open `path` under the base, scroll to the end to wake every widget, and report what the page asked for. */
async function visit(path: string) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const origin = new URL(siteUrl).origin;
  const requested: string[] = [];
  const failed: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requested.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} (${r.failure()?.errorText})`));
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} (${r.status()})`);
  });
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  context.on('weberror', (e) => errors.push(`uncaught: ${e.error().message}`));
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin || route.request().url().startsWith('data:')
      ? route.continue()
      : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  const response = await page.goto(new URL(path.replace(/^\//, ''), siteUrl).href);
  await scrollToEnd(page);
  // Widgets that run the model settle into done (or error, which the console check below catches).
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('[data-state]')].every(
          (el) => !['loading', 'running', 'busy'].includes((el as HTMLElement).dataset.state!),
        ),
      null,
      { timeout: 90_000 },
    )
    .catch(() => {});
  await page.waitForLoadState('networkidle');
  const local = requested.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:'));
  return { page, status: response?.status(), requested: local, failed, errors, origin, close: () => context.close() };
}

const pages = builtPages(subpathDist);
const everyRequest = new Set<string>();

test('the sub-path build has the usual pages, the forked lesson and an embed page per widget', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/model/');
  expect(pages.filter((p) => p.startsWith('/embed/')).length).toBeGreaterThan(0);
  expect(pages).toContain(`/lessons/${forkedLessonId()}/`);
});

// Every page's HTML is checked for root-relative addresses without the base (below); in the browser, every page but
// the embeds, and one embed: an embed page is a lesson's widget in the shared embed chrome, so the lessons' pages
// already run every widget's code under the base, and loading all ~50 embeds again only cost CI minutes.
const firstEmbed = pages.find((p) => p.startsWith('/embed/'));
const visited = pages.filter((p) => !p.startsWith('/bench/') && (!p.startsWith('/embed/') || p === firstEmbed));

test('no page of the sub-path build has a root-relative address outside the base in its HTML', () => {
  const outside: string[] = [];
  for (const path of pages) {
    const html = readFileSync(join(subpathDist, path, 'index.html'), 'utf8');
    for (const [, url] of html.matchAll(/\s(?:href|src|action|poster)="(\/[^"]*)"/g))
      if (!url.startsWith(BASE) && !url.startsWith('//')) outside.push(`${path}: ${url}`);
  }
  expect(pages.length).toBeGreaterThan(20);
  expect(outside).toEqual([]);
});

describe.each(visited)('under %s', (path) => {
  test('every request succeeds, stays under the base and on our origin, with no console error', async () => {
    const v = await visit(path);
    expect(v.status).toBe(200);
    expect(v.failed, 'failed requests').toEqual([]);
    expect(
      v.requested.filter((u) => !u.startsWith(v.origin + BASE)),
      'requests outside the base or origin',
    ).toEqual([]);
    expect(v.errors, 'console errors').toEqual([]);
    // Every link the page builds to its own site points under the base.
    const hrefs = await v.page
      .locator('a[href^="/"], link[href^="/"], script[src^="/"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src')));
    expect(
      hrefs.filter((h) => !h!.startsWith(BASE)),
      'root-relative links missing the base',
    ).toEqual([]);
    for (const url of v.requested) everyRequest.add(new URL(url).pathname);
    await v.close();
  });
});

test('between them, the pages loaded the model worker, a tfjs wasm binary and model weights from under the base', async () => {
  // The worker tries webgl first; ask one page for wasm so its binary is fetched too.
  const v = await visit('/embed/02-powerinfer-hot-cold-neurons/race/?backend=wasm');
  expect(v.failed).toEqual([]);
  for (const url of v.requested) everyRequest.add(new URL(url).pathname);
  await v.close();
  const paths = [...everyRequest];
  expect(
    paths.some((p) => p.startsWith(`${BASE}_astro/`) && /model-worker/.test(p)),
    'model worker',
  ).toBe(true);
  expect(
    paths.some((p) => p.startsWith(`${BASE}tfjs-wasm/`) && p.endsWith('.wasm')),
    'wasm binary',
  ).toBe(true);
  expect(
    paths.some((p) => p.startsWith(`${BASE}models/`) && p.endsWith('.bin')),
    'model weights',
  ).toBe(true);
});

test('an address outside the base is not the site (the host serves nothing there)', async () => {
  const res = await fetch(new URL('/lessons/', siteUrl));
  expect(res.status).toBe(404);
});

describe('a lesson forked with `npm run new-lesson -- <slug> --from <lesson>`', () => {
  test('was removed from lessons/ after the build', () => {
    const lessons = fileURLToPath(new URL('../../lessons/', import.meta.url));
    expect(readdirSync(lessons).filter((f) => f.includes(FORK_SLUG))).toEqual([]);
  });

  test('builds into a page with its title, widget, equations, citations and sources, and is listed on the home page', async () => {
    const id = forkedLessonId();
    expect(existsSync(`${subpathDist}/lessons/${id}/index.html`)).toBe(true);
    const v = await visit(`/lessons/${id}/`);
    const { page } = v;
    expect(v.failed).toEqual([]);
    expect(v.errors).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('Fork check tmp');
    await page.locator('vecmat-views[data-ready="true"]').waitFor();
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('a.cite[href^="https://arxiv.org/abs/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.sources a[href^="https://arxiv.org/abs/"]').count()).toBeGreaterThan(0);
    await v.close();
    const home = await visit('/');
    const hrefs = await home.page.locator('ol.lessons a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.at(-1)).toBe(`${BASE}lessons/${id}/`);
    await home.close();
  });
});
