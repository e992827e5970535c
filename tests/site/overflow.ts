// Wide content on a page either fits or visibly scrolls in its own box. One check, given an open playwright Page
// (at whatever viewport the caller set), returning what is wrong as readable lines:
//   page-wider  an element sticks out past the viewport's right edge and no box scrolls it: the page scrolls sideways
//   cut         a box hides (overflow hidden/clip) content wider than itself: the reader cannot reach it
//   no-cue      a box scrolls sideways but shows no sign of it (no scrollbar taking space, no edge shadow)
//   no-keyboard a box scrolls sideways but cannot be focused, or has no name for a screen reader
// tests/site/page-pass.ts runs it on every built page in both setups (1280 px light, 375 px dark).
import type { Page } from 'playwright-core';

export interface OverflowProblem {
  kind: 'page-wider' | 'cut' | 'no-cue' | 'no-keyboard';
  /** A short CSS-like path to the element, e.g. "main > div.scroll-box > table". */
  where: string;
  detail: string;
}

export async function findOverflow(page: Page): Promise<OverflowProblem[]> {
  return page.evaluate(() => {
    const problems: { kind: OverflowProblem['kind']; where: string; detail: string }[] = [];
    const SLACK = 1; // sub-pixel rounding
    const vw = document.documentElement.clientWidth;
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const cls = [...e.classList].filter((c) => !c.startsWith('astro-') && !c.startsWith('plot-')).slice(0, 2);
        parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + cls.map((c) => `.${c}`).join(''));
      }
      return parts.join(' > ');
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    /** Screen-reader-only text is clipped on purpose (1 px boxes); KaTeX's MathML copy too. */
    const onPurpose = (el: Element) =>
      el.closest('.sr-only, .visually-hidden, .katex-mathml, [aria-hidden="true"], details:not([open])') !== null ||
      getComputedStyle(el).textOverflow === 'ellipsis';
    const scrollsX = (s: CSSStyleDeclaration) => s.overflowX === 'auto' || s.overflowX === 'scroll';
    const clipsX = (s: CSSStyleDeclaration) => s.overflowX === 'hidden' || s.overflowX === 'clip';

    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || onPurpose(el)) continue;
      const s = getComputedStyle(el);
      const wider = el.scrollWidth > el.clientWidth + SLACK && el.clientWidth > 0;
      if (wider && scrollsX(s)) {
        const scrollbar =
          (el as HTMLElement).offsetHeight -
          el.clientHeight -
          parseFloat(s.borderTopWidth) -
          parseFloat(s.borderBottomWidth);
        const shadow = s.backgroundImage.includes('gradient');
        if (scrollbar < 2 && !shadow)
          problems.push({ kind: 'no-cue', where: path(el), detail: `${el.scrollWidth} px in ${el.clientWidth} px` });
        const focusable = (el as HTMLElement).tabIndex >= 0;
        const named = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
        if (!focusable || !named)
          problems.push({
            kind: 'no-keyboard',
            where: path(el),
            detail: `${focusable ? '' : 'not focusable'}${!focusable && !named ? ', ' : ''}${named ? '' : 'no name'}`,
          });
      } else if (wider && clipsX(s) && !el.closest('svg') && !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) {
        // (A text field scrolls its own value with the caret.)
        problems.push({
          kind: 'cut',
          where: path(el),
          detail: `${el.scrollWidth} px of content in ${el.clientWidth} px, hidden`,
        });
      }
      // Sticking out of the viewport: only the outermost culprit, and only if no ancestor scrolls or clips it.
      const r = el.getBoundingClientRect();
      if (r.right > vw + SLACK && r.left < vw) {
        let contained = false;
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const as = getComputedStyle(a);
          if (scrollsX(as) || clipsX(as)) {
            contained = true;
            break;
          }
        }
        const parentAlsoOut = el.parentElement && el.parentElement.getBoundingClientRect().right > vw + SLACK;
        if (!contained && !parentAlsoOut)
          problems.push({
            kind: 'page-wider',
            where: path(el),
            detail: `right edge at ${Math.round(r.right)} px, viewport ${vw} px`,
          });
      }
    }
    return problems;
  });
}
