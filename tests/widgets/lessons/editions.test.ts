// The two editions of every lesson stay in step: lessons/zh/<name>.mdx has the English lesson's sections, widgets
// and other components (same props, except the prose props a reader reads), the same facts placed by the same
// expressions, the same numbers written as digits, the same maths and the same sources. Only words differ. A
// failure lists every lesson that has drifted and how.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { GLOSSARY } from '../../../site/i18n/glossary.ts';

/** Props whose values are prose for the reader, translated with the text. */
const PROSE_PROPS = new Set(['title', 'unit', 'alt', 'aria-label', 'label', 'caption', 'summary', 'text']);
/** Components that exist only in the Chinese edition (a term's first use). */
const ZH_ONLY = new Set(['Term']);

interface Shape {
  frontmatter: { order: number; draft?: boolean; sources: { arxiv: string; version?: string; title: string }[] };
  headings: number[];
  elements: string[];
  expressions: string[];
  math: string[];
  digits: string[];
  terms: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: mdast nodes of several kinds are walked generically
type Node = any;

const parser = unified().use(remarkParse).use(remarkMath).use(remarkMdx);

/** A site link written either way (withBase('/zh/x'), inLang('zh', '/x'), lesson('04', 'x')) as one path. */
function normalizeLink(expr: string): string {
  const zh = /^inLang\(\s*'zh',\s*'([^']*)'\s*\)$/.exec(expr)?.[1];
  if (zh !== undefined) return `link:${zh}`;
  const base = /^withBase\(\s*'(?:\/zh)?([^']*)'\s*\)$/.exec(expr)?.[1];
  if (base !== undefined) return `link:${base}`;
  const lesson = /^lesson\(\s*'(\d+)',\s*'([^']*)'\s*\)$/.exec(expr);
  if (lesson) return `link:/lessons/${lesson[1]}-${lesson[2]}/`;
  return expr;
}

function shape(file: string): Shape {
  const source = readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(source);
  if (!match) throw new Error(`${file}: no frontmatter`);
  const frontmatter = parseYaml(match[1]);
  const tree = parser.parse(source.slice(match[0].length));
  const out: Shape = { frontmatter, headings: [], elements: [], expressions: [], math: [], digits: [], terms: [] };
  const visit = (node: Node, inLink = false) => {
    switch (node.type) {
      case 'heading':
        out.headings.push(node.depth);
        break;
      case 'mdxjsEsm':
        return; // imports: paths differ by one level, and Term is imported only in Chinese
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name: string = node.name ?? '<>';
        if (ZH_ONLY.has(name)) {
          out.terms.push(node.attributes.find((a: Node) => a.name === 'id')?.value);
          return;
        }
        const props = (node.attributes as Node[])
          .filter((a) => a.type === 'mdxJsxAttribute' && !PROSE_PROPS.has(a.name))
          .map((a) => {
            const v = a.value;
            const value = v && typeof v === 'object' ? `{${normalizeLink(v.value.trim())}}` : JSON.stringify(v);
            return `${a.name}=${value}`;
          })
          .sort();
        out.elements.push(`<${name} ${props.join(' ')}>`);
        for (const child of node.children ?? []) visit(child, inLink || name === 'a');
        return;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        out.expressions.push(normalizeLink(node.value.trim()));
        return;
      case 'math':
      case 'inlineMath':
        out.math.push(node.value.trim());
        return;
      case 'code':
      case 'inlineCode':
        out.math.push(`code:${node.value}`);
        return;
      case 'text':
        for (const d of node.value.match(/\d+(?:[.,]\d+)*/g) ?? []) out.digits.push(d);
        return;
      case 'link':
        out.elements.push(`<link ${normalizeLink(`withBase('${node.url}')`)}>`);
        break;
    }
    for (const child of node.children ?? []) visit(child, inLink);
  };
  visit(tree);
  for (const list of [out.expressions, out.math, out.digits]) list.sort();
  return out;
}

/** What differs between two editions of a lesson, in words; [] when they are in step. */
function drift(en: Shape, zh: Shape): string[] {
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(what);
  };
  same('order', en.frontmatter.order, zh.frontmatter.order);
  same('draft', en.frontmatter.draft ?? false, zh.frontmatter.draft ?? false);
  same(
    'sources (arxiv, version, title)',
    en.frontmatter.sources?.map((s) => [s.arxiv, s.version, s.title]),
    zh.frontmatter.sources?.map((s) => [s.arxiv, s.version, s.title]),
  );
  same('section headings (levels in order)', en.headings, zh.headings);
  const firstDiff = (a: string[], b: string[]) => {
    const i = a.findIndex((x, k) => x !== b[k]);
    return i < 0 ? b.length - a.length : i;
  };
  if (JSON.stringify(en.elements) !== JSON.stringify(zh.elements)) {
    const i = firstDiff(en.elements, zh.elements);
    problems.push(`components and their props (first difference at #${i}: ${en.elements[i]} / ${zh.elements[i]})`);
  }
  const missing = (a: string[], b: string[]) => {
    const left = [...b];
    return a.filter((x) => {
      const k = left.indexOf(x);
      if (k < 0) return true;
      left.splice(k, 1);
      return false;
    });
  };
  for (const [what, a, b] of [
    ['expressions (facts placed)', en.expressions, zh.expressions],
    ['maths and code', en.math, zh.math],
    ['numbers written as digits', en.digits, zh.digits],
  ] as const) {
    const gone = missing(a, b);
    const extra = missing(b, a);
    if (gone.length || extra.length)
      problems.push(
        `${what}: only in English ${JSON.stringify(gone.slice(0, 6))}, only in Chinese ${JSON.stringify(extra.slice(0, 6))}`,
      );
  }
  return problems;
}

const english = readdirSync('lessons')
  .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
  .sort();

describe('the Chinese edition of every lesson is in step with the English one', () => {
  test('the comparison notices a changed number, a dropped widget and a missing section', () => {
    const file = join('lessons', english[0]);
    const en = shape(file);
    expect(drift(en, en)).toEqual([]);
    const changed: Shape = structuredClone(en);
    changed.digits[0] = `${changed.digits[0]}1`;
    changed.elements.pop();
    changed.headings.pop();
    expect(drift(en, changed)).toHaveLength(3);
  });

  test('every lesson has a Chinese edition with the same sections, components, facts, numbers and maths', () => {
    const drifted = english.flatMap((name) => {
      const zh = join('lessons', 'zh', name);
      if (!existsSync(zh)) return [`${name}: no Chinese edition (lessons/zh/${name})`];
      return drift(shape(join('lessons', name)), shape(zh)).map((p) => `${name}: ${p}`);
    });
    expect(drifted).toEqual([]);
  });

  test("a Chinese lesson names each glossary term at most once with <Term>, and only the glossary's terms", () => {
    const ids = new Set(GLOSSARY.map((t) => t.id));
    for (const name of english.filter((n) => existsSync(join('lessons', 'zh', n)))) {
      const { terms } = shape(join('lessons', 'zh', name));
      expect(
        terms.filter((t) => !ids.has(t)),
        name,
      ).toEqual([]);
      expect(
        terms.filter((t, i) => terms.indexOf(t) !== i),
        `${name}: a <Term> used twice`,
      ).toEqual([]);
      expect(terms.length, `${name}: no term linked to the glossary`).toBeGreaterThan(0);
    }
  });

  test('the glossary has one entry per id, each with both names and both meanings', () => {
    const ids = GLOSSARY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of GLOSSARY) {
      expect(t.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(t.zh, t.id).toMatch(/[\u4e00-\u9fff]/);
      expect(t.def.zh, t.id).toMatch(/[\u4e00-\u9fff]/);
      expect(t.def.en.length, t.id).toBeGreaterThan(10);
    }
  });
});
