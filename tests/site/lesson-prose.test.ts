// What the lessons' prose says, checked against what the page shows: every badge and every sentence sits inside its
// paragraph (MDX turns a badge or an {expression} alone on a line into a block of its own), a sentence carries at most one badge per
// paper location, and where the prose quotes a widget's numbers the widget opens on those same numbers.
import { expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { expectClean, openPage } from './harness.ts';
import { publishedLessons } from './site-pages.ts';

// Every published lesson, found from lessons/*.mdx, so a new lesson is checked without a new test.
const lessons = publishedLessons(fileURLToPath(new URL('../../', import.meta.url)));

test('the badge checks find the lessons', () => {
  expect(lessons.length).toBeGreaterThan(0);
});

test.each(lessons.map((l) => l.url))(
  '%s: every number badge, and all prose text, sits inside a paragraph, list item or table cell',
  async (url) => {
    const { page, close } = await openPage(url);
    const loose = await page
      .locator('article .stat')
      .evaluateAll((stats) =>
        stats
          .filter((s) => !s.parentElement?.closest('p, li, td, th, dd, figcaption, caption, blockquote'))
          .map((s) => s.textContent),
      );
    expect(loose).toEqual([]);
    // The same MDX rule strands plain text: a line that is only {expression} is a block, not part of its paragraph.
    const stranded = await page
      .locator('article .prose')
      .evaluateAll((boxes) =>
        boxes.flatMap((box) =>
          [...box.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
            .map((n) => n.textContent!.trim().slice(0, 80)),
        ),
      );
    expect(stranded, 'prose text outside any paragraph').toEqual([]);
    await close();
  },
);

test.each(lessons.map((l) => l.url))(
  '%s: no sentence repeats a badge for the same source (or paper location)',
  async (url) => {
    const { page, close } = await openPage(url);
    const repeats = await page.locator('article p').evaluateAll((ps) => {
      const out: string[] = [];
      for (const p of ps) {
        // Walk the paragraph in order; a sentence ends at ". " (or ! ?) in text outside the badges.
        let sentence = 0;
        const seen = new Set<string>();
        const walk = (node: Node) => {
          if (node instanceof HTMLElement && node.classList.contains('stat')) {
            // A paper badge names its location; "measured" and "modelled" are one source each.
            const source = node.querySelector('.stat-badge')?.textContent?.replace(/^\W+/, '').trim();
            const key = `${sentence}|${source}`;
            if (seen.has(key)) out.push(`${source} in: ${p.textContent?.slice(0, 100)}…`);
            seen.add(key);
            return;
          }
          if (node.nodeType === Node.TEXT_NODE) {
            sentence += (node.textContent?.match(/[.!?](\s|$)/g) ?? []).length;
            return;
          }
          for (const child of node.childNodes) walk(child);
        };
        walk(p);
      }
      return out;
    });
    expect(repeats).toEqual([]);
    await close();
  },
);

test('lesson 2: PredictorQuality opens on the threshold and the numbers the predictor paragraph quotes', async () => {
  const opened = await openPage('/lessons/02-powerinfer-hot-cold-neurons/');
  const { page } = opened;
  const para = page.locator('article p', { hasText: 'At its chosen threshold of' });
  const text = (await para.textContent()) ?? '';
  const threshold = /chosen threshold of ([\d.]+)/.exec(text)?.[1];
  const values = await para.locator('.stat-measured .stat-value').allTextContents();
  // [share of parameters, recall, computed, loss change]
  expect(values).toHaveLength(4);
  const widget = page.locator('predictor-quality');
  expect(await widget.locator('[data-out="threshold"]').textContent()).toBe(threshold);
  expect(await widget.locator('[data-out="recall"]').textContent()).toContain(`${values[1]} of the neurons that fire`);
  expect(await widget.locator('[data-out="computed"]').textContent()).toContain(`${values[2]} of neurons computed`);
  const loss = values[3].replace(/\s*nats\/token$/, '').replace(/\u00a0.*$/, '');
  expect(await widget.locator('[data-out="loss"]').textContent()).toContain(`+${loss} nats/token`);
  const ppl = /perplexity up by ([\d.]+%)/.exec(text)?.[1];
  expect(await widget.locator('[data-out="loss"]').textContent()).toContain(`perplexity +${ppl}`);
  expectClean(opened);
  await opened.close();
});
