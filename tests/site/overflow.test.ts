// Every built page at 1280 px and at 375 px: nothing wide is cut off without a cue (see overflow.ts).
import { describe, expect, inject, test } from 'vitest';
import { openPage } from './harness.ts';
import { findOverflow } from './overflow.ts';
import { builtPages } from './site-pages.ts';

const pages = builtPages(inject('distDir'));
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 375, height: 800 },
];

describe('wide content fits or visibly scrolls in its own box', () => {
  const found: string[] = [];
  for (const viewport of VIEWPORTS) {
    test(`every page at ${viewport.width} px`, async () => {
      for (const path of pages) {
        const { page, close } = await openPage(path, { viewport });
        try {
          // Web fonts and first renders change widths: measure after they settle.
          await page.evaluate(() => document.fonts.ready);
          for (const p of await findOverflow(page))
            found.push(`${viewport.width} px ${path}: ${p.kind} ${p.where} (${p.detail})`);
        } finally {
          await close();
        }
      }
      expect(found.filter((f) => f.startsWith(`${viewport.width} px`))).toEqual([]);
    }, 600_000);
  }
});
