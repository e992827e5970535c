// Every page the site builds (found in the build output, so a new lesson is covered without a new test), as a reader
// meets it on a desktop in the light theme and on a 375 px phone in the dark theme (embed pages: the phone only): after every widget has started
// and drawn, axe finds nothing serious or critical (all rules) and no WCAG A/AA violation, and the page's cumulative
// layout shift (CLS, as browsers define it) stays under 0.1 while its widgets start.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { openPage } from './harness.ts';
import { builtPages } from './site-pages.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Run axe in the page (injected from node_modules, not fetched): serious or critical findings, and any WCAG A/AA one. */
interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async (wcag): Promise<Violation[]> => {
    // @ts-expect-error axe is the global the injected script defines
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter(
        (v: { impact: string; tags: string[] }) =>
          v.impact === 'serious' || v.impact === 'critical' || v.tags.some((t) => wcag.includes(t)),
      )
      .map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }));
  }, WCAG);
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.slice(0, 5).join(', ')}`);
}

/** Scroll through the page so every widget starts (they start near the viewport), then wait until each has settled. */
async function startEveryWidget(page: Page) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 400) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(120);
  }
  // A widget is a custom element with data-state; it has settled once started (data-ready) and no longer busy.
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll<HTMLElement>('[data-state]')]
        .filter((e) => e.localName.includes('-'))
        .every((e) => e.dataset.ready === 'true' && !['static', 'running', 'loading'].includes(e.dataset.state ?? '')),
    null,
    { timeout: 240_000, polling: 250 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The page's CLS: the largest session window of layout shifts (gaps under 1 s, windows at most 5 s long). */
function cls(page: Page): Promise<{ value: number; worst: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ value: number; worst: string[] }>((resolve) => {
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] };
        const entries: Shift[] = [];
        // buffered: the shifts since navigation, not only those from now on (delivered soon after observe()).
        const observer = new PerformanceObserver((list) => entries.push(...(list.getEntries() as Shift[])));
        observer.observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => {
          observer.disconnect();
          const shifts = entries.filter((e) => !e.hadRecentInput).sort((a, b) => a.startTime - b.startTime);
          let best = 0;
          let bestWindow: Shift[] = [];
          let window: Shift[] = [];
          let sum = 0;
          for (const e of shifts) {
            const first = window[0];
            const last = window[window.length - 1];
            if (!first || e.startTime - last.startTime > 1000 || e.startTime - first.startTime > 5000) {
              window = [];
              sum = 0;
            }
            window.push(e);
            sum += e.value;
            if (sum > best) {
              best = sum;
              bestWindow = [...window];
            }
          }
          const name = (n?: Node) =>
            n instanceof Element
              ? `${n.closest('[data-state]')?.localName ?? ''} ${n.localName}.${n.getAttribute('class') ?? ''}`
              : (n?.nodeName ?? '?');
          resolve({
            value: best,
            worst: bestWindow.map(
              (e) => `${e.value.toFixed(3)}: ${(e.sources ?? []).map((s) => name(s.node)).join(', ')}`,
            ),
          });
        }, 500);
      }),
  );
}

const SETUPS = [
  { name: 'desktop, light', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: '375 px phone, dark', colorScheme: 'dark', viewport: { width: 375, height: 740 } },
] as const;

describe.each(builtPages(inject('distDir')))('page %s', (path) => {
  // An embed page holds one widget that its lesson page already shows in both setups; embeds live in small frames,
  // so they are checked as a phone in the dark theme only (this keeps the whole suite inside CI's time budget).
  test.each(path.startsWith('/embed/') ? SETUPS.slice(1) : SETUPS)(
    '$name: no serious axe finding after every widget has drawn; CLS under 0.1',
    { timeout: 300_000 },
    async ({ colorScheme, viewport }) => {
      // The wasm backend keeps model-backed widgets quick on a busy test machine (software WebGL can take minutes);
      // the backend changes no layout. /bench/ times backends when a ?backend= asks it to, so it opens as it is.
      const url = path.includes('bench') ? path : `${path}?backend=wasm`;
      const { page, close } = await openPage(url, { colorScheme, viewport });
      await page.waitForLoadState('load');
      await startEveryWidget(page);
      const shift = await cls(page);
      expect(await axeViolations(page)).toEqual([]);
      expect(shift.value, `layout shifts: ${shift.worst.join(' | ')}`).toBeLessThan(0.1);
      await close();
    },
  );
});
