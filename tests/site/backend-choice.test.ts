// The worker picks its backend by evidence: where WebGL is emulated on the CPU (SwiftShader, as in this headless
// Chromium) and wasm is available, it must not run the models on webgl. The choice and its reason reach /model/,
// the browser remembers it, and ?backend= still overrides it.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { CHROMIUM } from './harness.ts';

const WIDGET = 'model-playground';
let browser: Browser;

beforeAll(async () => {
  // SwiftShader on purpose: WebGL works here, but only as a CPU emulation, which is what the choice must detect.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
});
afterAll(async () => browser?.close());

async function open(path: string) {
  const context = await browser.newContext();
  const errors: string[] = [];
  context.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  context.on('weberror', (e) => errors.push(e.error().message));
  const page = await context.newPage();
  await page.goto(new URL(path.replace(/^\//, ''), inject('baseURL')).href);
  await page.locator(WIDGET).scrollIntoViewIfNeeded(); // the widget starts its worker near the viewport
  const backend = page.locator(`${WIDGET} [data-out="backend"]`);
  await expect.poll(() => backend.textContent(), { timeout: 120_000 }).toMatch(/^(wasm|webgl|cpu)$/);
  return {
    context,
    page,
    errors,
    backend: (await backend.textContent())!,
    reason: (await page.locator(`${WIDGET} [data-out="backend-reason"]`).textContent())!,
  };
}

/** The WebGL renderer the page's own browser reports (undefined without WebGL). */
const renderer = (page: import('playwright-core').Page) =>
  page.evaluate(() => {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl ? String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : undefined;
  });

test('with software-emulated WebGL and wasm available, the models do not run on webgl; the page says why', async () => {
  const { context, page, errors, backend, reason } = await open('/model/');
  const r = await renderer(page);
  expect(r, 'this test needs SwiftShader WebGL in its browser').toMatch(/swiftshader/i);
  expect(backend).toBe('wasm');
  expect(reason).toContain('emulated');
  // Remembered for this browser, with the renderer it was decided for.
  const memory = JSON.parse((await page.evaluate(() => localStorage.getItem('llm-preliminaries.backend'))) ?? 'null');
  expect(memory).toMatchObject({ name: 'wasm', renderer: r });
  // The next page of the same browser reuses the decision.
  await page.goto(new URL('model/', inject('baseURL')).href);
  await page.locator(WIDGET).scrollIntoViewIfNeeded();
  await expect
    .poll(() => page.locator(`${WIDGET} [data-out="backend"]`).textContent(), { timeout: 120_000 })
    .toBe('wasm');
  expect(errors).toEqual([]);
  await context.close();
});

test('?backend=webgl still overrides the choice, and says so', async () => {
  const { context, errors, backend, reason } = await open('/model/?backend=webgl');
  expect(backend).toBe('webgl');
  expect(reason).toContain('?backend=');
  expect(errors).toEqual([]);
  await context.close();
});
