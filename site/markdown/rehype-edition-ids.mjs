// Rehype plugin, last: a Chinese lesson's headings take the ids of the English lesson's headings, in order, so an
// anchor (#greedy-verification), a share link and the language switch land on the same section in both editions
// and the lessons link to sections by one name. The English ids are computed from lessons/<name>.mdx the way Astro
// computes them (its heading text after KaTeX and rehype-heading-math, slugged by github-slugger).
// A Chinese lesson whose headings differ in number or level from its English edition fails the build, naming both.
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Slugger from 'github-slugger';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import rehypeHeadingMath from './rehype-heading-math.mjs';

const HEADING = /^h([1-6])$/;

/** @param {any} node @returns {string} every text below a node, as Astro reads a heading. */
function text(node) {
  if (node.type === 'text' || node.type === 'raw') return node.value;
  return (node.children ?? []).map(text).join('');
}

/** @param {any} node @param {(h: any) => void} visit: headings in document order. */
function headings(node, visit) {
  if (node.type === 'element' && HEADING.test(node.tagName)) return visit(node);
  for (const child of node.children ?? []) headings(child, visit);
}

/** The ids and levels Astro gives the headings of an English lesson (its Markdown headings, outside code fences). */
export function englishHeadings(source) {
  const body = source.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = [];
  let fence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    else if (!fence && /^#{1,6}\s/.test(line)) lines.push(line);
  }
  const processor = unified()
    .use(remarkParse)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex)
    .use(rehypeHeadingMath);
  const tree = processor.runSync(processor.parse(lines.join('\n\n')));
  const slugger = new Slugger();
  const out = [];
  headings(tree, (h) => out.push({ depth: Number(h.tagName[1]), id: slugger.slug(text(h)) }));
  return out;
}

export default function rehypeEditionIds() {
  return (tree, file) => {
    const path = file.history?.[0] ?? '';
    if (basename(dirname(path)) !== 'zh' || !path.endsWith('.mdx')) return;
    const english = join(dirname(dirname(path)), basename(path));
    if (!existsSync(english)) return;
    const want = englishHeadings(readFileSync(english, 'utf8'));
    const have = [];
    headings(tree, (h) => have.push(h));
    const levels = (list) => list.map((h) => h.depth ?? Number(h.tagName[1])).join(',');
    if (levels(have) !== levels(want))
      throw new Error(
        `${path}: its headings (levels ${levels(have)}) must match ${english} (levels ${levels(want)}) one for one`,
      );
    have.forEach((h, i) => {
      h.properties = { ...h.properties, id: want[i].id };
    });
  };
}
