// A widget's real shell as the Chinese edition renders it (Astro's container API, at a /zh/ URL), mounted in a
// document whose <html lang> is zh-Hans, so the element that takes it over writes Chinese as well. Use from a test
// with `// @vitest-environment jsdom-ssr`; call `leaveChinese()` after (the other tests expect English). Also the
// checks every Chinese-edition test makes: the numbers of a sentence, the English words left on a page.
import { experimental_AstroContainer as AstroContainer } from 'astro/container';

export type Shell = Parameters<AstroContainer['renderToString']>[0];

let container: Promise<AstroContainer> | undefined;

/** The HTML `shell` renders on a Chinese page (under /zh/): the one place the tests render the Chinese edition. */
export async function renderChinese(shell: Shell, props: Record<string, unknown> = {}): Promise<string> {
  container ??= AstroContainer.create();
  return (await container).renderToString(shell, {
    props,
    request: new Request('http://localhost/zh/widgets/example/'),
  });
}

/** Render `shell` for a Chinese page, put it in the document and return the widget's element (`tag`). */
export async function mountChinese(shell: Shell, tag: string, props: Record<string, unknown> = {}) {
  const html = await renderChinese(shell, props);
  document.documentElement.lang = 'zh-Hans';
  document.body.innerHTML = html;
  return document.querySelector<HTMLElement>(tag)!;
}

export function leaveChinese() {
  document.documentElement.lang = 'en';
  document.body.innerHTML = '';
}

/**
 * The English words left in what a reader of the Chinese edition sees or hears: text and labels outside any
 * `lang="en"` element, minus `allowed` (names that stay English: tfjs, fp32, …) and the kit's own (the Share
 * panel's "iframe"). Words of three letters or more; KaTeX's TeX source (<annotation>) is not words.
 */
export function englishLeft(root: Element, allowed: readonly string[] = []): string[] {
  const skip = new Set([...allowed, 'iframe'].map((w) => w.toLowerCase()));
  const words: string[] = [];
  const take = (s: string | null) => {
    // A word: letters, then letters, digits or . _ ' - inside (tf.gather, fp32, W_down), not the tail of a number (1e-7).
    for (const w of s?.match(/(?<![\w.'-])[A-Za-z][\w.'-]*[A-Za-z0-9]/g) ?? [])
      if (w.length >= 3 && !skip.has(w.toLowerCase())) words.push(w);
  };
  const walk = (el: Element) => {
    if (el.getAttribute('lang') === 'en' || ['script', 'style', 'template', 'annotation'].includes(el.localName))
      return;
    for (const a of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) take(el.getAttribute(a));
    for (const n of el.childNodes) {
      if (n.nodeType === 3) take(n.textContent);
      else if (n.nodeType === 1) walk(n as Element);
    }
  };
  walk(root);
  return words;
}

/** The numbers in a sentence, signs included (subscripts are names), sorted: both editions must show the same ones. */
export const numbersIn = (s: string) => (s.match(/[-−]?\d+(?:[,.]\d+)*/g) ?? []).sort();

/** A few timer turns: enough for a fake worker's answer and the element's redraw. */
export const settle = () => new Promise((r) => setTimeout(r, 30));
