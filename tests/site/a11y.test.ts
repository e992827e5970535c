// Accessibility: axe-core's WCAG 2 A/AA rules (contrast included) pass on every page in both themes.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { openPage } from './harness.ts';
import { builtPages } from './site-pages.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Run axe in the page (injected from node_modules, not fetched) and list violations readably. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is the global the injected script defines
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v: { id: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.map((v) => `${v.id}: ${v.help} at ${v.targets.slice(0, 5).join(', ')}`);
}

describe.each(builtPages(inject('distDir')))('page %s', (path) => {
  test.each(['light', 'dark'] as const)('has no WCAG A/AA violations in the %s theme', async (colorScheme) => {
    const { page, close } = await openPage(path, { colorScheme });
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});
