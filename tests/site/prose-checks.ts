// What a lesson's prose must look like once built, as checks the page pass (page-pass.ts) runs on every page in each
// of its setups, each given the settled page and returning what it found wrong as readable lines:
//   loose      a number badge (.stat) or plain prose text outside any paragraph, list item or table cell (MDX turns
//              a badge or an {expression} alone on a line into a block of its own)
//   repeated   a sentence that carries two badges for the same source or paper location (the English edition's style
//              rule; the Chinese edition often joins what English says in two sentences, and is not held to it)
import type { Page } from 'playwright-core';

export async function looseProse(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const badges = [...document.querySelectorAll('article .stat')]
      .filter((s) => !s.parentElement?.closest('p, li, td, th, dd, figcaption, caption, blockquote'))
      .map((s) => `a badge outside any paragraph: ${s.textContent}`);
    const text = [...document.querySelectorAll('article .prose')].flatMap((box) =>
      [...box.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())
        .map((n) => `prose text outside any paragraph: ${n.textContent!.trim().slice(0, 80)}`),
    );
    return [...badges, ...text];
  });
}

export async function repeatedBadges(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.lang.startsWith('zh')) return out;
    for (const p of document.querySelectorAll('article p')) {
      // Walk the paragraph in order; a sentence ends at ". " (or ! ?) outside the badges.
      let sentence = 0;
      const seen = new Set<string>();
      const walk = (node: Node) => {
        if (node instanceof HTMLElement && node.classList.contains('stat')) {
          // A paper badge names its location; "measured" and "modelled" are one source each.
          const source = node.querySelector('.stat-badge')?.textContent?.replace(/^\W+/, '').trim();
          const key = `${sentence}|${source}`;
          if (seen.has(key)) out.push(`a sentence repeats the badge ${source}: ${p.textContent?.slice(0, 100)}…`);
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
}
