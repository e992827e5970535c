// The site deployed under a sub-path, as on a static host serving it at /courses/llm/: every page's HTML keeps its
// addresses under the base, and a model widget fetches the model worker, a wasm binary and a model's weights from
// under the base. (Every page is also opened under the base by the page pass, page-suite.ts: its phone setup is
// served from this build and fails on any failed request, request outside the base or link missing it.) The build
// includes a lesson forked with `npm run new-lesson`, which must render with its widget, its equation and its
// citation, with no other change to the site.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, test } from 'vitest';
import { openPage, scrollToEnd } from './harness.ts';
import { widgetsSettled } from './page-pass.ts';
import { builtPages } from './site-pages.ts';
import { BASE, FORK_SLUG, forkedLessonId, subpathDist } from './subpath-site.ts';

/** Open `path` under the base (global-setup.ts serves the sub-path build), wake every widget and let all settle. */
async function visit(path: string) {
  const opened = await openPage(path, { baseURL: inject('subpathBaseURL') });
  await scrollToEnd(opened.page);
  await widgetsSettled(opened.page);
  return opened;
}

const pages = builtPages(subpathDist);

test('the sub-path build has the usual pages, the forked lesson and an embed page per widget', () => {
  expect(pages).toContain('/');
  expect(pages).toContain('/model/');
  expect(pages.filter((p) => p.startsWith('/embed/')).length).toBeGreaterThan(0);
  expect(pages).toContain(`/lessons/${forkedLessonId()}/`);
});

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

test('a model widget loads the model worker, a tfjs wasm binary and model weights from under the base', async () => {
  // The worker tries webgl first; ask for wasm so its binary is fetched too.
  const v = await visit('/embed/02-powerinfer-hot-cold-neurons/race/?backend=wasm');
  expect(v.failedRequests).toEqual([]);
  await v.close();
  const paths = v.ownRequests.map((url) => new URL(url).pathname);
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
  const res = await fetch(new URL('/lessons/', inject('subpathBaseURL')));
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
    expect(v.failedRequests).toEqual([]);
    expect(v.consoleErrors).toEqual([]);
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
