// The two editions as built: every page exists in English and in Chinese (embeds included), carries the right
// `lang`, names its other edition with hreflang alternates and the language switch (both resolving to built pages),
// and a Chinese page shows no English sentence outside what is English by nature (model text, prompts, code,
// maths, paper titles: marked lang="en", or code/pre/kbd/samp/KaTeX). Read from the HTML in dist/, no browser.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import { describe, expect, inject, test } from 'vitest';
import { builtPages } from './site-pages.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const dist = inject('distDir');
const pages = builtPages(dist);
const english = pages.filter((p) => !p.startsWith('/zh/'));
const chinese = pages.filter((p) => p.startsWith('/zh/'));
const html = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');
/** A built page for a site path (the test server serves at /). */
const built = (href: string) => existsSync(join(dist, new URL(href, 'http://x').pathname, 'index.html'));

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const isElement = (n: Node): n is Element => 'tagName' in n;

function* elements(node: Node): Generator<Element> {
  if (isElement(node)) yield node;
  for (const child of 'childNodes' in node ? node.childNodes : []) yield* elements(child);
}

/** Words English by nature, or not read as prose: skipped with everything inside them. */
const SKIP_TAGS = new Set(['script', 'style', 'code', 'pre', 'kbd', 'samp', 'svg', 'math', 'textarea', 'template']);
const skipped = (el: Element) =>
  SKIP_TAGS.has(el.tagName) ||
  (attr(el, 'lang') ?? '').startsWith('en') ||
  attr(el, 'translate') === 'no' ||
  /\bkatex\b/.test(attr(el, 'class') ?? '');

/** Runs of five or more English words in a row in the text a reader sees (inside <main>). */
function englishRuns(root: Node): string[] {
  const runs: string[] = [];
  const walk = (node: Node) => {
    if (isElement(node) && skipped(node)) return;
    if (node.nodeName === '#text' && 'value' in node) {
      // Words of two letters or more: a lone letter is a variable or a sign ("2 x AMD EPYC" is a machine's name).
      for (const m of node.value.matchAll(/[A-Za-z][A-Za-z’'-]+(?:[\s,]+[A-Za-z][A-Za-z’'-]+){4,}/g)) runs.push(m[0]);
      return;
    }
    for (const child of 'childNodes' in node ? node.childNodes : []) walk(child);
  };
  walk(root);
  return runs;
}

describe('both editions are built, and each page names the other', () => {
  test('every English page has its Chinese edition and back', () => {
    expect(chinese.length).toBeGreaterThan(0);
    expect(english.filter((p) => !pages.includes(`/zh${p}`))).toEqual([]);
    expect(chinese.filter((p) => !pages.includes(p.slice('/zh'.length)))).toEqual([]);
  });

  test.each(pages)('%s: its lang, hreflang alternates and language switch', (path) => {
    const doc = parse(html(path));
    const all = [...elements(doc)];
    const root = all.find((el) => el.tagName === 'html');
    expect(root && attr(root, 'lang')).toBe(path.startsWith('/zh/') ? 'zh-Hans' : 'en');
    const alternates: Record<string, string> = Object.fromEntries(
      all
        .filter((el) => el.tagName === 'link' && attr(el, 'rel') === 'alternate')
        .map((el) => [attr(el, 'hreflang') ?? '', attr(el, 'href') ?? '']),
    );
    expect(Object.keys(alternates).sort()).toEqual(['en', 'x-default', 'zh-Hans']);
    const bare = path.replace(/^\/zh\//, '/');
    expect(alternates.en).toBe(bare);
    expect(alternates['zh-Hans']).toBe(`/zh${bare}`);
    for (const href of Object.values(alternates)) expect(built(href), href).toBe(true);
    const switchLink = all.find((el) => el.tagName === 'a' && attr(el, 'data-lang-switch') !== undefined);
    expect(switchLink && attr(switchLink, 'href')).toBe(path.startsWith('/zh/') ? bare : `/zh${bare}`);
  });
});

describe('a Chinese page shows no English sentence outside what is English by nature', () => {
  test('the check finds a run of English words and skips marked English', () => {
    const doc = parse(
      '<main><p>一段中文 and then the sentence goes on in English.</p><p lang="en">Call me Ishmael, some years ago.</p><code>const a = b + c + d + e;</code></main>',
    );
    expect(englishRuns(doc)).toEqual(['and then the sentence goes on in English']);
  });

  test.each(chinese.filter((p) => !p.startsWith('/zh/embed/')))('%s', (path) => {
    const doc = parse(html(path));
    const main = [...elements(doc)].find((el) => el.tagName === 'main');
    expect(main).toBeDefined();
    expect(englishRuns(main as Element)).toEqual([]);
  });
});
