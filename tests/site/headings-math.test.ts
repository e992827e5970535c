// @vitest-environment jsdom
// Over every built page (no browser needed): headings and the table of contents carry one clean copy of any math,
// and no template source (`flash.layout.nEmbd`, `c((k) => …)`) was printed inside math or a heading.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { templateSourceInTex, templateSourceInText } from '../../site/markdown/rehype-no-template-source.mjs';
import { builtPages } from './site-pages.ts';

const distDir = inject('distDir');
const pages = builtPages(distDir).map((rel) => {
  const doc = new DOMParser().parseFromString(readFileSync(join(distDir, rel, 'index.html'), 'utf8'), 'text/html');
  return { rel, doc };
});

/** The text a reader meets once: without KaTeX's hidden HTML copy and its TeX annotation. */
function readText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('.katex-html, annotation')) hidden.remove();
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A run of 2+ characters repeated three times in a row: KaTeX's three copies ("1/s1/s1/s", "1s1s1s"). */
const TRIPLED = /(\S{2,})\1\1/;

describe('headings, anchors and the table of contents', () => {
  test('the pages were built and include headings with math', () => {
    expect(pages.length).toBeGreaterThan(10);
    const withMath = pages.flatMap(({ doc }) =>
      [...doc.querySelectorAll('h2, h3')].filter((h) => h.querySelector('math')),
    );
    expect(withMath.length).toBeGreaterThan(0);
  });

  test('every TOC entry reads like its heading, with no duplicated KaTeX text, and points at an existing id', () => {
    const problems: string[] = [];
    for (const { rel, doc } of pages) {
      for (const a of doc.querySelectorAll('nav.toc a[href^="#"]')) {
        const id = decodeURIComponent(a.getAttribute('href')!.slice(1));
        const text = (a.textContent ?? '').trim();
        if (TRIPLED.test(text) || TRIPLED.test(id)) problems.push(`${rel}: TOC "${text}" → #${id}`);
        const heading = doc.getElementById(id);
        if (!heading) problems.push(`${rel}: TOC "${text}" points at a missing #${id}`);
        else if (/^H[1-6]$/.test(heading.tagName) && readText(heading) !== text)
          problems.push(`${rel}: TOC "${text}" but the heading reads "${readText(heading)}"`);
      }
      for (const h of doc.querySelectorAll('h1[id], h2[id], h3[id], h4[id]')) {
        if (TRIPLED.test(h.id)) problems.push(`${rel}: heading id "${h.id}"`);
        if (h.querySelector('.katex-html, annotation')) problems.push(`${rel}: heading "${h.id}" keeps KaTeX's copies`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('no template source inside rendered math or headings', () => {
    const problems: string[] = [];
    for (const { rel, doc } of pages) {
      for (const ann of doc.querySelectorAll('annotation')) {
        const found = templateSourceInTex(ann.textContent ?? '');
        if (found) problems.push(`${rel}: math "${ann.textContent}" contains "${found}"`);
      }
      for (const h of doc.querySelectorAll('article h1, article h2, article h3, main h1, main h2, main h3')) {
        const copy = h.cloneNode(true) as Element;
        for (const skip of copy.querySelectorAll('code, math, .katex')) skip.remove();
        const found = templateSourceInText(copy.textContent ?? '');
        if (found) problems.push(`${rel}: heading "${h.textContent}" contains "${found}"`);
      }
    }
    expect(problems).toEqual([]);
  });
});
