// The deploy's headers (issue 23), served as `npm start` serves them (node/serve-site.ts reading dist/_headers):
// a model widget computes under the Content-Security-Policy (wasm compiled under 'wasm-unsafe-eval', its worker a
// same-origin script; every page loading under it with no violation is pages.test.ts's desktop pass, served the
// same way); the other headers are what
// the README promises: nosniff and a type for .lora, a referrer and a permissions policy, no-cache for pages and
// sw.js, immutable for hashed assets, and only /embed/ pages may be framed by another site.
import { expect, inject, test } from 'vitest';
import { expectClean, openPage } from './harness.ts';
import { heatmapComputes } from './heatmap.ts';
import { builtPages } from './site-pages.ts';

const url = inject('deployBaseURL');

// Collects CSP violations from the first script on: the page, its workers report to the console as well.
const LISTEN = `self.__cspViolations = [];
addEventListener('securitypolicyviolation', (e) => self.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`;

const header = async (path: string, name: string) => (await fetch(new URL(path, url))).headers.get(name);

test('the headers a deploy sends', async () => {
  const csp = (await header('/', 'content-security-policy'))!;
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  expect(csp).toContain("frame-ancestors 'self'");
  expect(await header('/', 'x-content-type-options')).toBe('nosniff');
  expect(await header('/', 'referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(await header('/', 'permissions-policy')).toContain('camera=()');
  expect(await header('/', 'cache-control')).toBe('no-cache');
  expect(await header('/sw.js', 'cache-control')).toBe('no-cache');
  const pages = builtPages(inject('distDir'));
  const embed = pages.find((p) => p.startsWith('/embed/'))!;
  expect(await header(embed, 'content-security-policy')).not.toContain('frame-ancestors');
  const html = await (await fetch(new URL('/', url))).text();
  const asset = html.match(/\/_astro\/[\w.-]+\.(?:js|css)/)![0];
  expect(await header(asset, 'cache-control')).toBe('public, max-age=31536000, immutable');
  const lora = await fetch(new URL('/models/lora-sotu-v1/r1.lora', url));
  expect(lora.headers.get('content-type')).toBe('application/octet-stream');
  expect(lora.headers.get('x-content-type-options')).toBe('nosniff');
  expect((await fetch(new URL('/_headers', url))).status).toBe(404); // read by the host, never served
});

test('under the CSP a model widget computes in its worker', { timeout: 300_000 }, async () => {
  const opened = await openPage('/lessons/02-powerinfer-hot-cold-neurons/', { baseURL: url, initScript: LISTEN });
  const { page } = opened;
  expect(await heatmapComputes(page, 'A policy, strictly kept.')).toBe('done');
  expect(await page.evaluate(() => (self as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expectClean(opened);
  await opened.close();
});
